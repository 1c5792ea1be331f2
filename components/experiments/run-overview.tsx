import Link from "next/link";
import type { ReactNode } from "react";
import type { RunView } from "@/lib/experiments/read-run";
import { experimentHref, runHref } from "@/lib/ui/mlflow-links";
import { formatDuration } from "@/lib/ui/format";
import { RunStatusBadge } from "./run-status-badge";
import { UtcTime } from "./utc-time";
import { PageSection } from "@/components/layout/page-section";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="text-ink-muted">{label}</dt>
      <dd className="min-w-0 break-all" data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

const none = <span className="text-ink-muted">—</span>;

/** Who ran what, when, from which code: the facts MLflow's info and mlflow.* tags hold. */
export function RunOverview({ view }: { view: RunView }) {
  const { run } = view;
  return (
    <PageSection id="overview" title="Overview">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm lg:grid-cols-[max-content_1fr_max-content_1fr]">
        <Fact label="Run ID">
          <span className="font-mono">{run.runId}</span>
        </Fact>
        <Fact label="Experiment">
          <Link href={experimentHref(run.experimentId)} className="text-accent underline">
            {view.experimentName ?? `Experiment ${run.experimentId}`}
          </Link>
        </Fact>
        <Fact label="Status">
          <RunStatusBadge status={run.status} deleted={view.lifecycleStage === "deleted"} />
        </Fact>
        <Fact label="User" testId="run-user">
          {run.user ?? none}
        </Fact>
        <Fact label="Started">
          <UtcTime value={run.startTime} />
        </Fact>
        <Fact label="Ended">
          <UtcTime value={run.endTime} />
        </Fact>
        <Fact label="Duration">{run.status === "RUNNING" && run.durationMs === null ? "still running" : formatDuration(run.durationMs)}</Fact>
        <Fact label="Parent run" testId="parent-run">
          {view.parent ? (
            <Link href={runHref(run.experimentId, view.parent.runId)} className="text-accent underline">
              {view.parent.name ?? view.parent.runId}
            </Link>
          ) : (
            none
          )}
        </Fact>
        <Fact label="Source" testId="run-source">
          {run.sourceName ? (
            <>
              <span className="font-mono">{run.sourceName}</span>
              {run.sourceType && <span className="text-ink-muted"> ({run.sourceType.toLowerCase()})</span>}
            </>
          ) : (
            none
          )}
        </Fact>
        <Fact label="Git repository">
          {view.repositoryUrl ? (
            <a href={view.repositoryUrl} className="text-accent underline" rel="noopener noreferrer nofollow">
              {view.repositoryUrl}
            </a>
          ) : (
            (run.gitRepoUrl ?? none)
          )}
        </Fact>
        <Fact label="Git branch">{run.gitBranch ? <span className="font-mono">{run.gitBranch}</span> : none}</Fact>
        <Fact label="Git commit" testId="git-commit">
          {run.gitCommit ? (
            view.commitUrl ? (
              <a href={view.commitUrl} className="font-mono text-accent underline" rel="noopener noreferrer nofollow">
                {run.gitCommit}
              </a>
            ) : (
              <span className="font-mono">{run.gitCommit}</span>
            )
          ) : (
            none
          )}
        </Fact>
        {view.artifactUri && (
          <Fact label="Artifacts">
            <span className="font-mono text-xs leading-5">{view.artifactUri}</span>
          </Fact>
        )}
      </dl>
    </PageSection>
  );
}
