"use client";
import { useActionState, useState } from "react";
import { FieldError, FormFeedback } from "@/components/promotions/form-feedback";
import { COMPARISONS } from "@/lib/domain/policy-comparisons";
import type { PolicyContent, PolicyRule } from "@/lib/domain/promotion-policy";
import { IDLE, type ActionState } from "@/lib/ui/action-state";

interface PolicyEditorProps {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  version: number;
  content: PolicyContent;
  idempotencyKey: string;
}

const control = "rounded border border-line bg-surface px-2 py-1";
let nextRowId = 0;

/** Rows of rules plus quorum and expiry; saving creates a new policy version. */
export function PolicyEditor({ action, version, content, idempotencyKey }: PolicyEditorProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [rows, setRows] = useState(() => content.rules.map((rule) => ({ id: nextRowId++, rule })));
  const addRule = () => setRows((current) => [...current, { id: nextRowId++, rule: { metric: "", comparison: ">=", threshold: 0, relativeTo: "absolute" } satisfies PolicyRule }]);
  const removeRule = (id: number) => setRows((current) => current.filter((row) => row.id !== id));
  return (
    <form action={formAction} className="space-y-4" aria-labelledby="policy-edit-heading">
      <h2 id="policy-edit-heading" className="text-lg font-semibold">Edit (saves version {version + 1})</h2>
      <input type="hidden" name="basedOnVersion" value={version} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Rules</caption>
        <thead>
          <tr className="border-b border-line text-ink-muted">
            <th scope="col" className="py-2 pr-3 font-medium">Metric</th>
            <th scope="col" className="py-2 pr-3 font-medium">Comparison</th>
            <th scope="col" className="py-2 pr-3 font-medium">Threshold</th>
            <th scope="col" className="py-2 pr-3 font-medium">Relative to</th>
            <th scope="col" className="py-2 font-medium"><span className="sr-only">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ id, rule }, index) => (
            <tr key={id} className="border-b border-line align-top">
              <td className="py-2 pr-3">
                <input aria-label={`Rule ${index + 1} metric`} name={`rules.${index}.metric`} defaultValue={rule.metric} required className={`${control} font-mono`} />
                <FieldError state={state} name={`content.rules.${index}.metric`} />
              </td>
              <td className="py-2 pr-3">
                <select aria-label={`Rule ${index + 1} comparison`} name={`rules.${index}.comparison`} defaultValue={rule.comparison} className={control}>
                  {COMPARISONS.map((comparison) => <option key={comparison} value={comparison}>{comparison}</option>)}
                </select>
              </td>
              <td className="py-2 pr-3">
                <input aria-label={`Rule ${index + 1} threshold`} name={`rules.${index}.threshold`} type="number" step="any" defaultValue={rule.threshold} required className={`${control} w-28`} />
                <FieldError state={state} name={`content.rules.${index}.threshold`} />
              </td>
              <td className="py-2 pr-3">
                <select aria-label={`Rule ${index + 1} relative to`} name={`rules.${index}.relativeTo`} defaultValue={rule.relativeTo} className={control}>
                  <option value="absolute">absolute value</option>
                  <option value="incumbent">champion + threshold</option>
                </select>
              </td>
              <td className="py-2">
                <button type="button" onClick={() => removeRule(id)} className="rounded border border-line px-2 py-1" aria-label={`Remove rule ${index + 1}`}>Remove</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldError state={state} name="content.rules" />
      <button type="button" onClick={addRule} className="rounded border border-line px-3 py-1">Add a rule</button>
      <div className="flex flex-wrap gap-6">
        <div className="flex flex-col gap-1">
          <label htmlFor="quorum" className="text-sm font-medium">Approvals needed (quorum)</label>
          <input id="quorum" name="quorum" type="number" min={1} max={10} defaultValue={content.quorum} required className={`${control} w-24`} />
          <FieldError state={state} name="content.quorum" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="requestTtlDays" className="text-sm font-medium">Requests expire after (days)</label>
          <input id="requestTtlDays" name="requestTtlDays" type="number" min={1} max={90} defaultValue={content.requestTtlDays} required className={`${control} w-24`} />
          <FieldError state={state} name="content.requestTtlDays" />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="changeNote" className="text-sm font-medium">What changed and why</label>
        <textarea id="changeNote" name="changeNote" rows={2} required minLength={5} className={`${control} w-full`} />
        <FieldError state={state} name="changeNote" />
      </div>
      <button type="submit" disabled={pending || state.status === "ok"} className="rounded bg-accent px-3 py-1.5 font-medium text-accent-ink disabled:opacity-60">
        {pending ? "Saving…" : "Save as a new version"}
      </button>
      <FormFeedback state={state} />
    </form>
  );
}
