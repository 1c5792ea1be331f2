"use client";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { FieldError, FormFeedback } from "@/components/promotions/form-feedback";
import { IDLE, type ActionState } from "@/lib/ui/action-state";

export interface StartRolloutChoices {
  promotionRequestId: string;
  model: string;
  version: string;
  endpoints: { name: string; deployments: { name: string; serves: string; traffic: number }[] }[];
  templates: { name: string; description: string }[];
  /** Suggested: the endpoint and deployment already serving the version, and the one taking live traffic. */
  suggested: { endpoint: string; candidate: string; baseline: string } | null;
  /** An MLLead starts at once; an MLEngineer only saves a draft for a lead to start. */
  canStart: boolean;
}

const control = "rounded border border-line bg-surface px-2 py-1";

export function StartRolloutForm({ action, choices, idempotencyKey }: { action: (state: ActionState, form: FormData) => Promise<ActionState>; choices: StartRolloutChoices; idempotencyKey: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  // Which button sent the form, for its pending label and the link after success.
  const [intent, setIntent] = useState<"start" | "draft">(choices.canStart ? "start" : "draft");
  const busy = pending || state.status === "ok";
  // Submitted by hand: React resets a form given to `action` afterwards, and a reset <select> does
  // not return to its controlled value, so a refusal would show choices it was not about.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(form));
  };
  const [plan, setPlan] = useState({
    endpoint: choices.suggested?.endpoint ?? choices.endpoints[0]?.name ?? "",
    baselineDeployment: choices.suggested?.baseline ?? "",
    candidateDeployment: choices.suggested?.candidate ?? "",
    templateName: "standard",
    autoMode: false,
  });
  const choose = (field: keyof typeof plan) => (event: { target: { value: string } }) => setPlan((current) => ({ ...current, [field]: event.target.value }));
  const deployments = choices.endpoints.find((endpoint) => endpoint.name === plan.endpoint)?.deployments.map((deployment) => deployment.name) ?? [];
  // Another endpoint has other deployments: start from the one taking the most traffic as baseline.
  const chooseEndpoint = (event: { target: { value: string } }) => {
    const others = [...(choices.endpoints.find((endpoint) => endpoint.name === event.target.value)?.deployments ?? [])].sort((a, b) => b.traffic - a.traffic);
    setPlan((current) => ({ ...current, endpoint: event.target.value, baselineDeployment: others[0]?.name ?? "", candidateDeployment: others[1]?.name ?? others[0]?.name ?? "" }));
  };
  return (
    <form onSubmit={submit} className="space-y-4 rounded border border-line p-4" aria-labelledby="start-heading">
      <h2 id="start-heading" className="text-lg font-semibold">Plan the rollout of {choices.model} v{choices.version}</h2>
      <input type="hidden" name="promotionRequestId" value={choices.promotionRequestId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className="flex flex-wrap gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="endpoint" className="text-sm font-medium">Endpoint</label>
          <select id="endpoint" name="endpoint" value={plan.endpoint} onChange={chooseEndpoint} className={control}>
            {choices.endpoints.map((endpoint) => <option key={endpoint.name} value={endpoint.name}>{endpoint.name}</option>)}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="baselineDeployment" className="text-sm font-medium">Baseline deployment</label>
          <select id="baselineDeployment" name="baselineDeployment" value={plan.baselineDeployment} onChange={choose("baselineDeployment")} className={control}>
            {deployments.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
          <FieldError state={state} name="baselineDeployment" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="candidateDeployment" className="text-sm font-medium">Candidate deployment</label>
          <select id="candidateDeployment" name="candidateDeployment" value={plan.candidateDeployment} onChange={choose("candidateDeployment")} className={control}>
            {deployments.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
          <FieldError state={state} name="candidateDeployment" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="templateName" className="text-sm font-medium">Template</label>
          <select id="templateName" name="templateName" value={plan.templateName} onChange={choose("templateName")} className={control}>
            {choices.templates.map((template) => <option key={template.name} value={template.name}>{template.name}: {template.description}</option>)}
          </select>
        </div>
      </div>
      <div className="flex items-center gap-2">
        <input id="autoMode" name="autoMode" type="checkbox" checked={plan.autoMode} onChange={(event) => setPlan((current) => ({ ...current, autoMode: event.target.checked }))} className="h-4 w-4" />
        <label htmlFor="autoMode" className="text-sm">Auto mode: advance when every gate passes after the bake time, roll back when a gate fails</label>
      </div>
      {!choices.canStart && <p className="text-sm text-ink-muted">An ML lead starts the draft from its page; nothing changes on the endpoint until then.</p>}
      <div className="flex flex-wrap gap-2">
        {choices.canStart && (
          <button type="submit" name="intent" value="start" onClick={() => setIntent("start")} disabled={busy} className="rounded bg-accent px-3 py-1.5 font-medium text-accent-ink disabled:opacity-60">
            {pending && intent === "start" ? "Starting…" : "Start the rollout"}
          </button>
        )}
        <button
          type="submit"
          name="intent"
          value="draft"
          onClick={() => setIntent("draft")}
          disabled={busy}
          className={choices.canStart ? "rounded border border-line px-3 py-1.5 font-medium disabled:opacity-60" : "rounded bg-accent px-3 py-1.5 font-medium text-accent-ink disabled:opacity-60"}
        >
          {pending && intent === "draft" ? "Saving…" : "Save as draft"}
        </button>
      </div>
      <FormFeedback state={state} linkText={intent === "draft" ? "Open the draft" : "Open the rollout"} />
    </form>
  );
}
