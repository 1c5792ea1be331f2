import Link from "next/link";
import { ColumnHeadings } from "@/components/data/column-headings";
import { formatMetric } from "@/lib/domain/promotion-policy";
import { runHref, versionHref } from "@/lib/ui/mlflow-links";
import type { ModelVersionRow } from "@/lib/registry/registry-views";
import { formatUtc } from "@/lib/ui/format";
import { AliasBadges } from "./alias-badges";
import { MissingValue } from "./missing-value";

const RUN_STATE_TEXT = {
  "no-run": "no run recorded",
  missing: "run deleted",
  unavailable: "run not readable now",
  "not-read": "not read (older version)",
} as const;

function StatusBadge({ status, message }: { status: string; message: string | null }) {
  const style = status === "READY" ? "bg-ok-bg text-ok" : status.startsWith("FAILED") ? "bg-bad-bg text-bad" : "bg-warn-bg text-warn";
  return (
    <span>
      <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${style}`}>{status}</span>
      {message && <span className="mt-1 block max-w-xs text-xs text-ink-muted">{message}</span>}
    </span>
  );
}

function SourceRun({ row }: { row: ModelVersionRow }) {
  if (row.runState === "ok" && row.runId && row.experimentId) {
    return (
      <Link href={runHref(row.experimentId, row.runId)} className="break-all text-accent underline">
        {row.runName ?? row.runId}
      </Link>
    );
  }
  if (row.runState === "ok") return <span>{row.runName}</span>;
  return (
    <span className="text-ink-muted">
      {row.runId && <span className="block font-mono text-xs">{row.runId.slice(0, 12)}</span>}
      {RUN_STATE_TEXT[row.runState]}
    </span>
  );
}

/** Every version of a model, newest first, with the metrics the promotion policy reads. */
export function VersionsTable({ model, versions, metricNames }: { model: string; versions: ModelVersionRow[]; metricNames: string[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid="versions-table">
        <caption className="sr-only">Versions of {model}, newest first, with their source runs and policy metrics</caption>
        <ColumnHeadings
          columns={["Version", "Status", "Aliases", "Source run", ...metricNames.map((metric) => ({ label: metric, className: "py-2 pr-4 text-right font-mono text-xs font-medium" })), { label: "Created", className: "py-2 font-medium" }]}
        />
        <tbody>
          {versions.map((row) => (
            <tr key={row.version} className="border-b border-line align-top" data-testid="version-row" data-version={row.version}>
              <th scope="row" className="py-2 pr-4 font-medium">
                <Link href={versionHref(model, row.version)} className="text-accent underline">
                  Version {row.version}
                </Link>
                {row.stage && <span className="block text-xs font-normal text-ink-muted">stage {row.stage}</span>}
              </th>
              <td className="py-2 pr-4">
                <StatusBadge status={row.status} message={row.statusMessage} />
              </td>
              <td className="py-2 pr-4">
                <AliasBadges aliases={row.aliases} />
              </td>
              <td className="max-w-64 py-2 pr-4">
                <SourceRun row={row} />
              </td>
              {metricNames.map((metric) => {
                const value = row.metrics[metric];
                return (
                  <td key={metric} className="py-2 pr-4 text-right tabular-nums" data-metric={metric}>
                    {value === undefined ? <MissingValue meaning="not logged" /> : formatMetric(value)}
                  </td>
                );
              })}
              <td className="py-2 whitespace-nowrap tabular-nums">
                {formatUtc(row.createdAt)}
                {row.userId && <span className="block text-xs text-ink-muted">by {row.userId}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
