"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/ui/action-state";
import { FormFeedback, TextAreaField } from "./form-feedback";

interface DecisionFormProps {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  requestId: string;
  idempotencyKey: string;
  /** Names of the rules that do not pass, if any: approving then needs an override reason. */
  failingRules: string[];
}

export function DecisionForm({ action, requestId, idempotencyKey, failingRules }: DecisionFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const done = state.status === "ok";
  return (
    <form action={formAction} className="space-y-3 rounded border border-line p-4" aria-labelledby="decision-heading">
      <h2 id="decision-heading" className="text-lg font-semibold">
        Your decision
      </h2>
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className="space-y-1">
        <label htmlFor="comment" className="block text-sm font-medium">
          Comment (optional)
        </label>
        <textarea id="comment" name="comment" rows={2} className="w-full rounded border border-line bg-surface px-2 py-1" />
      </div>
      <TextAreaField
        state={state}
        name="overrideReason"
        label={`Override reason ${failingRules.length > 0 ? `(required to approve: ${failingRules.join(", ")} not passing)` : "(only needed when a rule does not pass)"}`}
      />
      <div className="flex gap-2">
        <button type="submit" name="outcome" value="approve" disabled={pending || done} className="rounded bg-accent px-3 py-1.5 font-medium text-accent-ink disabled:opacity-60">
          Approve
        </button>
        <button type="submit" name="outcome" value="reject" disabled={pending || done} className="rounded border border-line px-3 py-1.5 font-medium disabled:opacity-60">
          Reject
        </button>
      </div>
      <FormFeedback state={state} />
    </form>
  );
}
