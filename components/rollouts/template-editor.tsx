"use client";
import { useActionState, useState } from "react";
import { FieldError, FormFeedback } from "@/components/promotions/form-feedback";
import { IDLE, type ActionState } from "@/lib/ui/action-state";

/**
 * One template as JSON, validated on save (steps, bake time, gate thresholds). `idempotencyKey` is
 * fresh at each render of the page, so a resubmitted save replays instead of saving twice.
 */
export function TemplateEditor({ action, name, version, json, idempotencyKey }: { action: (state: ActionState, form: FormData) => Promise<ActionState>; name: string; version: number; json: string; idempotencyKey: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  // Controlled, because React resets a form's uncontrolled fields after its action: a refused edit would vanish.
  const [draft, setDraft] = useState(json);
  // A save brings the new version's content; the editor stays mounted so its confirmation stays shown.
  const [shownVersion, setShownVersion] = useState(version);
  if (shownVersion !== version) {
    setShownVersion(version);
    setDraft(json);
  }
  const problems = Object.entries(state.fieldErrors).filter(([field]) => field.startsWith("content"));
  return (
    <form action={formAction} className="space-y-2 rounded border border-line p-4" aria-label={`Template ${name}`}>
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <label htmlFor={`content-${name}`} className="block font-semibold">
        {name} <span className="font-normal text-ink-muted">(version {version})</span>
      </label>
      <textarea id={`content-${name}`} name="content" value={draft} onChange={(event) => setDraft(event.target.value)} rows={14} spellCheck={false} className="w-full rounded border border-line bg-surface p-2 font-mono text-xs" />
      {problems.length > 0 && (
        <ul className="text-sm text-bad">
          {problems.map(([field, message]) => <li key={field}>{field.replace(/^content\.?/, "") || "content"}: {message}</li>)}
        </ul>
      )}
      <FieldError state={state} name="name" />
      <button type="submit" disabled={pending} className="rounded bg-accent px-3 py-1.5 font-medium text-accent-ink disabled:opacity-60">Save {name}</button>
      <FormFeedback state={state} />
    </form>
  );
}
