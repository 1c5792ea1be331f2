// What a form's server action answers, shown by the form: success with a message (and where to go
// next), or a refusal with per-field messages. Shared by client forms and server actions.

export interface ActionState {
  status: "idle" | "ok" | "error";
  message: string;
  fieldErrors: Record<string, string>;
  /** Where the result can be seen, for a link after success. */
  href?: string;
}

export const IDLE: ActionState = { status: "idle", message: "", fieldErrors: {} };
