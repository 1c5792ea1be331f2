"use client";
import { useActionState, useState } from "react";
import { FormFeedback } from "@/components/promotions/form-feedback";
import { IDLE, type ActionState } from "@/lib/ui/action-state";

interface DraftControlsProps {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  rolloutId: string;
  revision: number;
  idempotencyKey: string;
  /** An MLLead may start the draft. */
  canStart: boolean;
  /** The drafter or an MLLead may discard it. */
  canDiscard: boolean;
  /** Why starting would be refused now (another rollout holds the endpoint), shown next to the button. */
  startBlockedBecause: string | null;
}

/** Start or discard a draft. Both post the revision seen, so of two people deciding one draft, one wins. */
export function DraftControls(props: DraftControlsProps) {
  const [state, formAction, pending] = useActionState(props.action, IDLE);
  const [intent, setIntent] = useState<"start" | "discard">(props.canStart ? "start" : "discard");
  const busy = pending || state.status === "ok";
  return (
    <form action={formAction} className="space-y-3 rounded border border-line p-4" aria-labelledby="draft-controls-heading" aria-busy={pending}>
      <h2 id="draft-controls-heading" className="text-lg font-semibold">Decide this draft</h2>
      <input type="hidden" name="rolloutId" value={props.rolloutId} />
      <input type="hidden" name="expectedRevision" value={props.revision} />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      {props.canStart && (
        <p className="text-sm text-ink-muted">
          Starting checks the approval and the endpoint again, then applies step one to the endpoint in the background.
          {props.startBlockedBecause && <span className="block text-bad">{props.startBlockedBecause}</span>}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {props.canStart && (
          <button type="submit" name="intent" value="start" onClick={() => setIntent("start")} disabled={busy} className="rounded bg-accent px-3 py-1.5 font-medium text-accent-ink disabled:opacity-60">
            {pending && intent === "start" ? "Starting…" : "Start this rollout"}
          </button>
        )}
        {props.canDiscard && (
          <button type="submit" name="intent" value="discard" onClick={() => setIntent("discard")} disabled={busy} className="rounded border border-line px-3 py-1.5 font-medium disabled:opacity-60">
            {pending && intent === "discard" ? "Discarding…" : "Discard draft"}
          </button>
        )}
      </div>
      <FormFeedback state={state} />
    </form>
  );
}
