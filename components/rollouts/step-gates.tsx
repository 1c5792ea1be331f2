"use client";
import type { RolloutStatus } from "@/lib/rollouts/read-rollout";
import { RequestIdQuote } from "@/components/feedback/request-id-quote";
import { formatAge, formatUtc } from "@/lib/ui/format";
import { GatesTable } from "./gates-table";
import { useRolloutStatus } from "./use-rollout-status";

/** The current step's gates with their numbers, refreshed with the rollout's status as telemetry arrives. */
export function StepGates({ id, initial, baseline, candidate }: { id: string; initial: RolloutStatus; baseline: string; candidate: string }) {
  const { data } = useRolloutStatus(id, initial);
  const evaluation = data.evaluation;
  if (!evaluation) {
    return <p role="status" className="rounded border border-warn bg-warn-bg p-2 text-sm">The gates cannot be evaluated now: {data.evaluationProblem} Rollback still works. If it persists, tell whoever runs Log Analytics<RequestIdQuote />.</p>;
  }
  return (
    <>
      {evaluation.judgement.frozen && <p role="alert" className="rounded bg-bad-bg p-2 text-sm text-bad">{evaluation.judgement.freezeReason}</p>}
      {evaluation.judgement.unknownBecause.length > 0 && (
        <p role="status" className="rounded border border-warn bg-warn-bg p-2 text-sm" data-testid="gates-unknown">
          The verdict is unknown, so no step advances (auto mode waits; a lead may override with a written reason): {evaluation.judgement.unknownBecause.join(" ")}
        </p>
      )}
      {evaluation.readProblems.length > 0 && (
        // Numbers from a cached answer can still be within their refresh interval (so the verdict
        // stands), but the reader must know the latest read failed and how old the numbers are.
        <p role="status" className="rounded border border-warn bg-warn-bg p-2 text-sm" data-testid="stale-data">
          Log Analytics is not answering every read just now: {evaluation.readProblems.join(" ")} The gates below use each read&apos;s last good answer (request numbers{" "}
          <span suppressHydrationWarning>{formatAge(evaluation.asOf)}</span> old, as of <time dateTime={evaluation.asOf}>{formatUtc(evaluation.asOf)}</time>). If it keeps failing, tell whoever runs Log Analytics
          <RequestIdQuote />.
        </p>
      )}
      {evaluation.note && <p role="status" className="text-sm text-ink-muted">{evaluation.note}</p>}
      <GatesTable
        judgement={evaluation.judgement}
        caption={`Candidate ${candidate} against baseline ${baseline} from ${formatUtc(evaluation.window.from)} to ${formatUtc(evaluation.window.to)} (Log Analytics, as of ${formatUtc(evaluation.asOf)}).`}
      />
    </>
  );
}
