import Link from "next/link";
import { ColumnHeadings } from "@/components/data/column-headings";
import { childRunsFilter } from "@/lib/domain/run-filter";
import type { ChildRun } from "@/lib/experiments/read-run";
import { runsHref } from "@/lib/experiments/list-urls";
import { runHref } from "@/lib/ui/mlflow-links";
import { formatDuration } from "@/lib/ui/format";
import { RunStatusBadge } from "./run-status-badge";
import { UtcTime } from "./utc-time";
import { PageSection } from "@/components/layout/page-section";

/** A parent run's children (a sweep's trials), with a link to compare them in the runs table. */
interface RunChildrenProps {
  experimentId: string;
  runId: string;
  childRuns: ChildRun[];
  more: boolean;
  unavailable: boolean;
}

export function RunChildren({ experimentId, runId, childRuns, more, unavailable }: RunChildrenProps) {
  if (unavailable) {
    return (
      <p role="status" className="rounded border border-warn bg-warn-bg p-3 text-sm">
        MLflow did not answer the search for this run&apos;s child runs; reload the page to see whether it has any.
      </p>
    );
  }
  if (childRuns.length === 0) return null;
  const filter = childRunsFilter(runId);
  return (
    <PageSection id="children" title={<>Child runs ({more ? `first ${childRuns.length}` : childRuns.length})</>}>
      {filter && (
        <p className="text-sm">
          <Link href={runsHref(experimentId, { filter })} className="text-accent underline">
            Compare the child runs in the runs table
          </Link>{" "}
          (sort them by any metric there).
        </p>
      )}
      <div className="relative max-h-96 overflow-y-auto" role="region" aria-label="Child runs, scrolls" tabIndex={0}>
        <table className="w-full border-collapse text-left text-sm" data-testid="children-table">
          <caption className="sr-only">Child runs in start order</caption>
          <ColumnHeadings columns={["Run", "Status", "Started", "Duration"]} />
          <tbody>
            {childRuns.map((child) => (
              <tr key={child.runId} className="border-b border-line">
                <th scope="row" className="py-1.5 pr-4 font-medium">
                  <Link href={runHref(experimentId, child.runId)} className="break-all text-accent underline">
                    {child.name}
                  </Link>
                </th>
                <td className="py-1.5 pr-4">
                  <RunStatusBadge status={child.status} />
                </td>
                <td className="whitespace-nowrap py-1.5 pr-4">
                  <UtcTime value={child.startTime} />
                </td>
                <td className="py-1.5 tabular-nums">{formatDuration(child.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PageSection>
  );
}
