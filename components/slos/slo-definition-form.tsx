"use client";
import { useActionState, useState } from "react";
import { FormFeedback } from "@/components/promotions/form-feedback";
import type { SloDefinition } from "@/lib/domain/slo/definitions";
import { RUNBOOK_KINDS, type RunbookKind, type SloKind } from "@/lib/domain/slo/kinds";
import { IDLE, type ActionState } from "@/lib/ui/action-state";

interface SloDefinitionFormProps {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  definition: SloDefinition;
  /** The version shown (0: the blueprint's default), sent as the save's expectedVersion. */
  version: number;
  idempotencyKey: string;
}

/**
 * "99.9" (a percentage as typed) → "0.999", the ratio the schema stores. Scaling to an integer and
 * dividing by a power of ten gives exactly the double of the decimal (99.9 / 100 would give
 * 0.9990000000000001). Rounded at 7 decimals, past the schema's 5, so a finer target is refused by
 * the schema's own message rather than silently changed.
 */
export function ratioFromPercent(percent: string): string {
  if (percent.trim() === "") return "";
  const value = Number(percent);
  return Number.isFinite(value) ? String(Math.round(value * 1e5) / 1e7) : "";
}

/** 0.999 → "99.9", the target as the form shows it. */
export function percentFromRatio(ratio: number): string {
  return String(Math.round(ratio * 1e7) / 1e5);
}

type ThresholdField = "thresholdMs" | "thresholdMinutes" | "thresholdHours";

/** The kind's threshold: which field holds it, and what a good event is against it. */
const THRESHOLDS: Record<Exclude<SloKind, "availability">, { field: ThresholdField; label: string; hint: string; step: string }> = {
  latency: { field: "thresholdMs", label: "Latency threshold (ms)", hint: "A live request answered within this many milliseconds is good.", step: "1" },
  freshness: { field: "thresholdMinutes", label: "Freshness threshold (minutes)", hint: "A probe finding its feature table refreshed less than this many minutes ago is good.", step: "any" },
  "training-time": { field: "thresholdHours", label: "Training time threshold (hours)", hint: "A training run finishing within this many hours of its start is good.", step: "any" },
};

const RUNBOOK_LABELS: Record<RunbookKind, string> = { rollback: "Rollback", "cache-warm": "Cache warm", "feature-backfill": "Feature backfill", other: "Other" };

interface Draft {
  threshold: string;
  targetPercent: string;
  periodDays: string;
  owner: string;
  experiment: string;
  runbookKind: string;
  runbookUrl: string;
  changeNote: string;
}

function thresholdOf(definition: SloDefinition): string {
  switch (definition.kind) {
    case "latency":
      return String(definition.thresholdMs);
    case "freshness":
      return String(definition.thresholdMinutes);
    case "training-time":
      return String(definition.thresholdHours);
    case "availability":
      return "";
  }
}

function draftOf(definition: SloDefinition): Draft {
  return {
    threshold: thresholdOf(definition),
    targetPercent: percentFromRatio(definition.target),
    periodDays: String(definition.periodDays),
    owner: definition.owner,
    experiment: definition.kind === "training-time" ? definition.experiment : "",
    runbookKind: definition.runbook.kind,
    runbookUrl: definition.runbook.url,
    changeNote: "",
  };
}

const control = "rounded border border-line bg-surface px-2 py-1";

/**
 * One SLO's editor: its threshold, target (typed as a percentage, sent as a ratio), period, owner
 * and runbook, with a change note; the id, kind and subject stay fixed. Saving creates a new version.
 */
export function SloDefinitionForm({ action, definition, version, idempotencyKey }: SloDefinitionFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  // Controlled, because React resets a form's uncontrolled fields after its action: a refused edit would vanish.
  const [draft, setDraft] = useState(() => draftOf(definition));
  // A save brings the new version; the form stays mounted so its confirmation stays shown.
  const [shownVersion, setShownVersion] = useState(version);
  if (shownVersion !== version) {
    setShownVersion(version);
    setDraft(draftOf(definition));
  }
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [key]: event.target.value }));
  const prefix = `slo-${definition.id}`;
  const threshold = definition.kind === "availability" ? null : THRESHOLDS[definition.kind];
  const ratio = ratioFromPercent(draft.targetPercent);

  /**
   * A field's label, input and its problem from the last save (by the verb's field path, its name
   * unless `problemOf` says), linked for screen readers. Without a name the input is not sent.
   */
  const field = (input: { key: keyof Draft; name?: string; problemOf?: string; label: string; hint?: string; type?: "text" | "number" | "url"; step?: string; wide?: boolean }) => {
    const id = `${prefix}-${input.key}`;
    const problem = state.fieldErrors[input.problemOf ?? input.name ?? ""];
    const described = [input.hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(" ");
    return (
      <div className={`flex flex-col gap-1 ${input.wide ? "sm:col-span-2" : ""}`}>
        <label htmlFor={id} className="text-sm font-medium">{input.label}</label>
        <input
          id={id}
          name={input.name}
          type={input.type ?? "text"}
          step={input.step}
          value={draft[input.key]}
          onChange={set(input.key)}
          required
          aria-invalid={Boolean(problem)}
          aria-describedby={described || undefined}
          className={`${control} ${input.type === "number" ? "w-32" : "w-full"}`}
        />
        {input.hint && <p id={`${id}-hint`} className="text-xs text-ink-muted">{input.hint}</p>}
        {problem && <p id={`${id}-error`} className="text-sm text-bad">{problem}</p>}
      </div>
    );
  };

  const runbookKindId = `${prefix}-runbookKind`;
  const changeNoteId = `${prefix}-changeNote`;
  const changeNoteProblem = state.fieldErrors.changeNote;
  return (
    <form action={formAction} className="space-y-4 rounded border border-line p-4" aria-label={`Edit ${definition.id}`}>
      <input type="hidden" name="id" value={definition.id} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="content.kind" value={definition.kind} />
      {"endpoint" in definition ? <input type="hidden" name="content.endpoint" value={definition.endpoint} /> : <input type="hidden" name="content.model" value={definition.model} />}
      <input type="hidden" name="content.target" value={ratio} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {threshold
          ? field({ key: "threshold", name: `content.${threshold.field}`, label: threshold.label, hint: threshold.hint, type: "number", step: threshold.step })
          : <p className="text-sm text-ink-muted">A live request that succeeded is good; there is no threshold.</p>}
        {field({ key: "targetPercent", problemOf: "content.target", label: "Target (%)", hint: ratio ? `Saved as the ratio ${ratio}.` : "A percentage, e.g. 99.9.", type: "number", step: "any" })}
        {field({ key: "periodDays", name: "content.periodDays", label: "Period (days)", hint: "A rolling window ending now.", type: "number", step: "1" })}
        {field({ key: "owner", name: "content.owner", label: "Owner" })}
        {definition.kind === "training-time" && field({ key: "experiment", name: "content.experiment", label: "MLflow experiment", hint: "Only training runs logged here count.", wide: true })}
        <div className="flex flex-col gap-1">
          <label htmlFor={runbookKindId} className="text-sm font-medium">Runbook kind</label>
          <select id={runbookKindId} name="content.runbook.kind" value={draft.runbookKind} onChange={set("runbookKind")} className={control}>
            {RUNBOOK_KINDS.map((kind) => <option key={kind} value={kind}>{RUNBOOK_LABELS[kind]}</option>)}
          </select>
          {state.fieldErrors["content.runbook.kind"] && <p className="text-sm text-bad">{state.fieldErrors["content.runbook.kind"]}</p>}
        </div>
        {field({ key: "runbookUrl", name: "content.runbook.url", label: "Runbook link", type: "url", wide: true })}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={changeNoteId} className="text-sm font-medium">What changed and why</label>
        <textarea
          id={changeNoteId}
          name="changeNote"
          rows={2}
          value={draft.changeNote}
          onChange={set("changeNote")}
          required
          aria-invalid={Boolean(changeNoteProblem)}
          aria-describedby={changeNoteProblem ? `${changeNoteId}-error` : undefined}
          className={`${control} w-full`}
        />
        {changeNoteProblem && <p id={`${changeNoteId}-error`} className="text-sm text-bad">{changeNoteProblem}</p>}
      </div>
      <button type="submit" disabled={pending} className="rounded bg-accent px-3 py-1.5 font-medium text-accent-ink disabled:opacity-60">
        {pending ? "Saving…" : `Save ${definition.id}`}
      </button>
      <FormFeedback state={state} />
    </form>
  );
}
