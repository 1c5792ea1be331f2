import { StateBadge } from "@/components/promotions/state-badge";
import type { GateStatus, StepJudgement } from "@/lib/domain/canary-judge";

const GATE_NAMES = { sample: "Minimum sample", latency: "p95 latency", errors: "Error rate", kpi: "Business KPI" } as const;

function formatValue(gate: keyof typeof GATE_NAMES, value: number | null): string {
  if (value === null) return "—";
  if (gate === "latency") return `${value} ms`;
  if (gate === "errors" || gate === "kpi") return `${Number((value * 100).toFixed(3))} %`;
  return String(value);
}

/** How each status shows: insufficient data as a missing input; unknown (old or unreadable numbers) in its own words. */
const BADGES: Record<GateStatus, { state: string; label?: string }> = {
  pass: { state: "pass" },
  fail: { state: "fail" },
  "insufficient-data": { state: "missing", label: "Insufficient data" },
  unknown: { state: "unknown", label: "Unknown" },
};

/** Each gate with pass / fail / insufficient data / unknown and the numbers used. */
export function GatesTable({ judgement, caption, testId = "gates" }: { judgement: StepJudgement; caption: string; testId?: string }) {
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid={testId} data-verdict={judgement.verdict}>
      <caption className="pb-2 text-left text-ink-muted">{caption}</caption>
      <thead>
        <tr className="border-b border-line text-ink-muted">
          <th scope="col" className="py-2 pr-4 font-medium">Gate</th>
          <th scope="col" className="py-2 pr-4 font-medium">Result</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Candidate</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Baseline</th>
          <th scope="col" className="py-2 font-medium">Why</th>
        </tr>
      </thead>
      <tbody>
        {judgement.gates.map((gate) => (
          <tr key={gate.gate} className="border-b border-line" data-gate={gate.gate} data-status={gate.status}>
            <th scope="row" className="py-2 pr-4 font-medium">{GATE_NAMES[gate.gate]}</th>
            <td className="py-2 pr-4"><StateBadge {...BADGES[gate.status]} /></td>
            <td className="py-2 pr-4 text-right tabular-nums">{formatValue(gate.gate, gate.candidate)}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{formatValue(gate.gate, gate.baseline)}</td>
            <td className="py-2 text-ink-muted">{gate.explanation}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
