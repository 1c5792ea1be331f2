import Link from "next/link";
import { formatMetric } from "@/lib/domain/promotion-policy";
import { judgeDelta, type MetricDirection } from "@/lib/domain/version-comparison";
import { runHref, versionHref } from "@/lib/ui/mlflow-links";
import type { ChampionView } from "@/lib/registry/registry-views";
import { MissingValue } from "./missing-value";
import { Notice } from "./notice";

const TH = "py-1.5 pr-4 font-medium";
const JUDGEMENT = {
  better: { text: "better", style: "text-ok" },
  worse: { text: "worse", style: "text-bad" },
  same: { text: "same", style: "text-ink-muted" },
  unknown: { text: "", style: "" },
} as const;

function signed(delta: number): string {
  if (!Number.isFinite(delta)) return "n/a";
  if (delta === 0) return "0";
  return `${delta > 0 ? "+" : "−"}${formatMetric(Math.abs(delta))}`;
}

/** This version next to the champion: metric deltas and the params that differ. */
export function ChampionComparison({ name, version, champion, directions }: { name: string; version: string; champion: ChampionView; directions: Record<string, MetricDirection> }) {
  if (champion.state === "this-is-champion") {
    return <Notice testId="comparison-none">Version {version} is the champion (alias @champion): there is nothing to compare it with.</Notice>;
  }
  if (champion.state === "no-champion") {
    return <Notice testId="comparison-none">{name} has no champion yet (no version holds the alias @champion), so there is nothing to compare with.</Notice>;
  }
  if (champion.state === "unavailable") {
    return (
      <Notice tone="warn" testId="comparison-unavailable">
        The champion, version {champion.version}, could not be compared: {champion.message}
      </Notice>
    );
  }
  const { comparison } = champion;
  return (
    <div className="space-y-4" data-testid="comparison">
      <p className="text-sm">
        Against the champion,{" "}
        <Link href={versionHref(name, champion.version)} className="text-accent underline">
          version {champion.version}
        </Link>{" "}
        (run{" "}
        <Link href={runHref(champion.experimentId, champion.runId)} className="font-mono text-xs text-accent underline">
          {champion.runId.slice(0, 12)}
        </Link>
        ). Better or worse is shown for the promotion policy&apos;s metrics, whose direction it defines.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full max-w-3xl border-collapse text-left text-sm" data-testid="metric-deltas">
          <caption className="sr-only">Metrics logged by both version {version} and the champion, version {champion.version}</caption>
          <thead>
            <tr className="border-b border-line text-ink-muted">
              <th scope="col" className={TH}>Metric</th>
              <th scope="col" className={`${TH} text-right`}>Version {version}</th>
              <th scope="col" className={`${TH} text-right`}>Champion v{champion.version}</th>
              <th scope="col" className={`${TH} text-right`}>Change</th>
            </tr>
          </thead>
          <tbody>
            {comparison.metrics.map((metric) => {
              const judgement = JUDGEMENT[judgeDelta(metric.delta, directions[metric.key])];
              return (
                <tr key={metric.key} className="border-b border-line" data-metric={metric.key}>
                  <th scope="row" className="py-1.5 pr-4 font-mono text-xs font-normal">{metric.key}</th>
                  <td className="py-1.5 pr-4 text-right tabular-nums">{formatMetric(metric.version)}</td>
                  <td className="py-1.5 pr-4 text-right tabular-nums">{formatMetric(metric.champion)}</td>
                  <td className={`py-1.5 pr-4 text-right tabular-nums ${judgement.style}`}>
                    {signed(metric.delta)}
                    {judgement.text && <span className="ml-1 text-xs">({judgement.text})</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {(comparison.metricsOnlyInVersion.length > 0 || comparison.metricsOnlyInChampion.length > 0) && (
        <p className="text-sm text-ink-muted">
          {comparison.metricsOnlyInVersion.length > 0 && <>Only version {version} logged: {comparison.metricsOnlyInVersion.join(", ")}. </>}
          {comparison.metricsOnlyInChampion.length > 0 && <>Only the champion logged: {comparison.metricsOnlyInChampion.join(", ")}.</>}
        </p>
      )}
      <div>
        <h3 className="text-base font-semibold">Parameters that differ</h3>
        {comparison.params.length === 0 ? (
          <p className="text-sm text-ink-muted">Both runs logged the same {comparison.sameParamCount} parameters with the same values.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full max-w-3xl border-collapse text-left text-sm" data-testid="param-differences">
              <caption className="sr-only">Parameters whose value differs between version {version} and the champion, or that only one logged</caption>
              <thead>
                <tr className="border-b border-line text-ink-muted">
                  <th scope="col" className={TH}>Parameter</th>
                  <th scope="col" className={TH}>Version {version}</th>
                  <th scope="col" className={TH}>Champion v{champion.version}</th>
                </tr>
              </thead>
              <tbody>
                {comparison.params.map((param) => (
                  <tr key={param.key} className="border-b border-line align-top">
                    <th scope="row" className="py-1.5 pr-4 font-mono text-xs font-normal break-all">{param.key}</th>
                    <td className="py-1.5 pr-4 font-mono text-xs break-all">{param.version ?? <MissingValue meaning="not logged" />}</td>
                    <td className="py-1.5 pr-4 font-mono text-xs break-all">{param.champion ?? <MissingValue meaning="not logged" />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-1 text-sm text-ink-muted">{comparison.sameParamCount} other parameters are the same.</p>
          </div>
        )}
      </div>
    </div>
  );
}
