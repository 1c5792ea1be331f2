import { UpstreamProblemPanel } from "@/components/feedback/upstream-problem-panel";
import type { DisplayEvaluation } from "@/lib/promotions/display-evaluation";
import { formatUtc } from "@/lib/ui/format";
import { PolicyResultsTable } from "./policy-results-table";

/** The policy's results with where the numbers came from, or why there are none. */
export function EvaluationPanel({ evaluation }: { evaluation: DisplayEvaluation }) {
  // MLflow not configured, or not answering with nothing read before: the one upstream panel.
  if (!evaluation.ok) return <UpstreamProblemPanel problem={evaluation.problem} />;
  const { inputs } = evaluation;
  const champion = inputs.champion ? `champion v${inputs.champion.version}` : "no champion";
  return (
    <div className="space-y-2">
      <p className="text-sm" data-testid="policy-verdict">
        {evaluation.evaluation.passed ? "Every rule passes." : `${evaluation.evaluation.failing.length} rule(s) do not pass: ${evaluation.evaluation.failing.map((result) => result.rule.metric).join(", ")}.`}
      </p>
      {evaluation.note && (
        <p role="status" className="rounded border border-warn bg-warn-bg p-2 text-sm" data-testid="stale-data">
          {evaluation.note}
        </p>
      )}
      <PolicyResultsTable
        evaluation={evaluation.evaluation}
        caption={`Policy version ${evaluation.policyVersion}: v${inputs.candidate.version} against ${champion}, MLflow numbers as of ${formatUtc(inputs.readAt)}.`}
      />
    </div>
  );
}
