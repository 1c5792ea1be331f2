"use client";
import { useActionState, useState } from "react";
import { FormFeedback, TextAreaField } from "@/components/promotions/form-feedback";
import { IDLE, type ActionState } from "@/lib/ui/action-state";

interface RolloutControlsProps {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  rolloutId: string;
  revision: number;
  idempotencyKey: string;
  status: "running" | "paused";
  autoMode: boolean;
  canOperate: boolean;
  canRollback: boolean;
  drift: boolean;
  /** Auto mode asks a lead to confirm completing (the KPI had no data in any step): advancing is that confirmation. */
  confirmsCompletion?: boolean;
}

const button = "rounded border border-line px-3 py-1.5 font-medium disabled:opacity-60";

/** The lead's controls. Every button posts the revision seen, so a stale page cannot act twice. */
export function RolloutControls(props: RolloutControlsProps) {
  const [state, formAction, pending] = useActionState(props.action, IDLE);
  // After a success the buttons wait for the page's next revision (with a fresh idempotency key);
  // the message stays shown.
  const [submittedAtRevision, setSubmittedAtRevision] = useState(props.revision);
  const busy = pending || (state.status === "ok" && submittedAtRevision === props.revision);
  // Aborting cannot be undone, so it asks once more; rolling back stays one click (always allowed, immediate).
  const [confirmingAbort, setConfirmingAbort] = useState(false);
  return (
    <form action={formAction} onSubmit={() => setSubmittedAtRevision(props.revision)} className="space-y-3 rounded border border-line p-4" aria-labelledby="controls-heading">
      <h2 id="controls-heading" className="text-lg font-semibold">Controls</h2>
      <input type="hidden" name="rolloutId" value={props.rolloutId} />
      <input type="hidden" name="expectedRevision" value={props.revision} />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      {props.canOperate && (
        <TextAreaField state={state} name="reason" label="Reason (required to override failing gates; recorded with any action)" />
      )}
      <div className="flex flex-wrap gap-2">
        {props.canOperate && props.status === "running" && (
          <button type="submit" name="action" value="advance" disabled={busy} className="rounded bg-accent px-3 py-1.5 font-medium text-accent-ink disabled:opacity-60">
            {props.confirmsCompletion ? "Confirm and complete" : "Advance"}
          </button>
        )}
        {props.canOperate && props.status === "running" && <button type="submit" name="action" value="pause" disabled={busy} className={button}>Pause</button>}
        {props.canOperate && props.status === "paused" && <button type="submit" name="action" value="resume" disabled={busy} className={button}>Resume</button>}
        {props.canRollback && (
          <button type="submit" name="action" value="rollback" disabled={busy} className="rounded bg-bad-bg px-3 py-1.5 font-medium text-bad disabled:opacity-60">
            Roll back
          </button>
        )}
        {props.canOperate && !confirmingAbort && (
          <button type="button" disabled={busy} className={button} onClick={() => setConfirmingAbort(true)}>
            Abort…
          </button>
        )}
        {props.canOperate && (
          <button type="submit" name="action" value={props.autoMode ? "auto-off" : "auto-on"} disabled={busy} className={button}>
            {props.autoMode ? "Turn auto mode off" : "Turn auto mode on"}
          </button>
        )}
        {props.canOperate && props.drift && (
          <>
            <button type="submit" name="action" value="reapply" disabled={busy} className={button}>Re-apply the plan&apos;s traffic</button>
            <button type="submit" name="action" value="adopt" disabled={busy} className={button}>Adopt the live traffic</button>
          </>
        )}
      </div>
      {props.canOperate && confirmingAbort && (
        <div role="group" aria-labelledby="abort-question" className="space-y-2 rounded border border-warn bg-warn-bg p-3 text-sm">
          <p id="abort-question">
            Abort ends this rollout for good: the endpoint keeps the traffic it has now, nothing more is applied, and the rollout cannot be resumed. To send all traffic back to the
            baseline, roll back instead.
          </p>
          <div className="flex flex-wrap gap-2">
            {/* The question replaces the button that asked it, so focus moves to the answer. */}
            <button type="submit" name="action" value="abort" disabled={busy} autoFocus className={button}>
              Abort the rollout
            </button>
            <button type="button" disabled={busy} className={button} onClick={() => setConfirmingAbort(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <FormFeedback state={state} />
    </form>
  );
}
