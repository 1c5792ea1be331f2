import type { ExperimentSummary } from "@/lib/experiments/experiment-view";
import { UntrustedMarkdown } from "@/components/mlflow/untrusted-markdown";
import { TagList } from "./tag-list";
import { UtcTime } from "./utc-time";

/** The experiment's name, identity, owners and note, above its runs. */
export function ExperimentHeader({ experiment }: { experiment: ExperimentSummary }) {
  return (
    <div className="space-y-3">
      <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
        <span className="break-all">{experiment.name}</span>
        {experiment.lifecycleStage === "deleted" && <span className="rounded border border-line px-2 py-0.5 text-sm font-normal text-ink-muted">Deleted</span>}
      </h1>
      {experiment.lifecycleStage === "deleted" && (
        <p role="status" className="rounded border border-warn bg-warn-bg p-3 text-sm">
          This experiment was deleted in MLflow. Its runs are shown as they were; MLflow can restore it until its garbage
          collection removes it.
        </p>
      )}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-ink-muted">Experiment ID</dt>
        <dd className="font-mono">{experiment.id}</dd>
        <dt className="text-ink-muted">Created</dt>
        <dd>
          <UtcTime value={experiment.creationTime} />
        </dd>
        <dt className="text-ink-muted">Last update</dt>
        <dd>
          <UtcTime value={experiment.lastUpdateTime} />
        </dd>
        {experiment.artifactLocation && (
          <>
            <dt className="text-ink-muted">Artifact location</dt>
            <dd className="break-all font-mono text-xs leading-5">{experiment.artifactLocation}</dd>
          </>
        )}
        <dt className="text-ink-muted">Tags</dt>
        <dd>
          <TagList tags={experiment.tags} limit={8} />
        </dd>
      </dl>
      {experiment.note && <UntrustedMarkdown text={experiment.note} label="Experiment description" testId="note" className="max-w-3xl rounded border border-line p-3 text-sm" />}
    </div>
  );
}
