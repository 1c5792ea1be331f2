import type { RolloutView } from "@/lib/rollouts/rollout-view";

/** The plan's steps in order, the current one marked (by text, not colour alone). */
export function PlanSteps({ steps }: { steps: RolloutView["steps"] }) {
  return (
    <ol className="flex flex-wrap gap-2" aria-label="Plan steps" data-testid="plan-steps">
      {steps.map((step) => (
        <li
          key={step.index}
          aria-current={step.state === "current" ? "step" : undefined}
          data-state={step.state}
          className={`rounded border px-3 py-1 text-sm ${step.state === "current" ? "border-accent font-semibold" : "border-line"} ${step.state === "done" ? "text-ink-muted" : ""}`}
        >
          {step.index + 1}. {step.label}
          {step.state === "done" && " ✓"}
          {step.state === "current" && " (current)"}
        </li>
      ))}
    </ol>
  );
}
