"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/ui/action-state";
import { FormFeedback, TextAreaField } from "./form-feedback";

interface RequestFormProps {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  model: string;
  version: string;
  idempotencyKey: string;
  policyPassing: boolean | null;
}

export function RequestPromotionForm({ action, model, version, idempotencyKey, policyPassing }: RequestFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-3 rounded border border-line p-4" aria-labelledby="request-form-heading">
      <h3 id="request-form-heading" className="font-semibold">
        Request promotion of v{version}
      </h3>
      {policyPassing === false && (
        <p className="text-sm text-ink-muted">Some rules do not pass. You may still ask; a lead can approve only with a written override reason.</p>
      )}
      <input type="hidden" name="model" value={model} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className="space-y-1">
        <label htmlFor="targetAlias" className="block text-sm font-medium">
          Target
        </label>
        <select id="targetAlias" name="targetAlias" defaultValue="champion" className="rounded border border-line bg-surface px-2 py-1">
          <option value="champion">champion (approval sets challenger; a rollout then makes it champion)</option>
          <option value="challenger">challenger only</option>
        </select>
      </div>
      <TextAreaField state={state} name="rationale" label="Rationale" rows={3} required minLength={10} />
      <button type="submit" disabled={pending || state.status === "ok"} className="rounded bg-accent px-3 py-1.5 font-medium text-accent-ink disabled:opacity-60">
        {pending ? "Requesting…" : "Request promotion"}
      </button>
      <FormFeedback state={state} linkText="Open the request" />
    </form>
  );
}
