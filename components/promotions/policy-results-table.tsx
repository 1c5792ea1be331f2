import { describeRule, formatMetric, type PolicyEvaluation } from "@/lib/domain/promotion-policy";
import { StateBadge } from "./state-badge";

function metric(value: number | null): string {
  return value === null ? "—" : formatMetric(value);
}

/** Each rule with pass / fail / missing and the numbers used. */
export function PolicyResultsTable({ evaluation, caption }: { evaluation: PolicyEvaluation; caption: string }) {
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid="policy-results">
      <caption className="pb-2 text-left text-ink-muted">{caption}</caption>
      <thead>
        <tr className="border-b border-line text-ink-muted">
          <th scope="col" className="py-2 pr-4 font-medium">Rule</th>
          <th scope="col" className="py-2 pr-4 font-medium">Result</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Candidate</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Champion</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Bound</th>
          <th scope="col" className="py-2 font-medium">Why</th>
        </tr>
      </thead>
      <tbody>
        {evaluation.results.map((result) => (
          <tr key={`${result.rule.metric}${result.rule.comparison}${result.rule.relativeTo}`} className="border-b border-line" data-rule={result.rule.metric}>
            <th scope="row" className="py-2 pr-4 font-mono font-normal">{describeRule(result.rule)}</th>
            <td className="py-2 pr-4"><StateBadge state={result.status} /></td>
            <td className="py-2 pr-4 text-right tabular-nums">{metric(result.candidate)}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{metric(result.incumbent)}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{metric(result.bound)}</td>
            <td className="py-2 text-ink-muted">{result.explanation}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
