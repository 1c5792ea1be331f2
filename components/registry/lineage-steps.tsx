import Link from "next/link";
import type { ReactNode } from "react";
import { formatMetric } from "@/lib/domain/promotion-policy";
import { commitWebUrl } from "@/lib/ui/git-links";
import { experimentHref, modelHref, runHref, versionHref } from "@/lib/ui/mlflow-links";
import type { VersionLineage } from "@/lib/registry/registry-views";
import { formatDuration, formatUtc } from "@/lib/ui/format";
import { AliasBadge, VersionLink } from "./alias-badges";
import { KeyValueTable } from "@/components/data/key-value-table";
import { MissingValue } from "./missing-value";

const LINK = "text-accent underline break-all";

function NodeTitle({ children }: { children: ReactNode }) {
  return <h3 className="text-base font-semibold">{children}</h3>;
}

function Facts({ facts }: { facts: [label: string, value: ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-sm">
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-ink-muted">{label}</dt>
          <dd className="break-all">{value === null || value === undefined || value === false || value === "" ? <MissingValue meaning="unknown" /> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Absent({ children }: { children: ReactNode }) {
  return <p className="text-sm text-ink-muted">{children}</p>;
}

export function DatasetsStep({ lineage }: { lineage: VersionLineage }) {
  const { run } = lineage;
  if (!run) return <Absent>Unknown: {lineage.runProblem}</Absent>;
  if (run.datasets.length === 0) return <Absent>The training run logged no dataset inputs (mlflow.log_input), so its data is not recorded.</Absent>;
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {run.datasets.map((dataset, index) => (
        <li key={`${dataset.name}-${dataset.digest}-${index}`} className="rounded border border-line bg-surface p-3" data-testid="lineage-dataset">
          <NodeTitle>
            <Link href={runHref(run.experimentId, run.runId, "datasets")} className={LINK}>
              {dataset.name}
            </Link>
          </NodeTitle>
          <Facts
            facts={[
              ["Used for", dataset.context],
              ["Source", dataset.sourceType || null],
              ["Table or path", dataset.location && <code className="font-mono text-xs">{dataset.location}</code>],
              ["Delta version", dataset.deltaVersion && <span data-testid="delta-version">{dataset.deltaVersion}</span>],
              ["Digest", dataset.digest && <code className="font-mono text-xs">{dataset.digest}</code>],
              ...(dataset.rows === null ? [] : [["Rows", dataset.rows.toLocaleString("en-US")] as [string, string]]),
            ]}
          />
        </li>
      ))}
    </ul>
  );
}

export function RunStep({ lineage }: { lineage: VersionLineage }) {
  const { run } = lineage;
  if (!run) return <Absent>{lineage.runProblem}</Absent>;
  const commitLink = commitWebUrl(run.gitRepoUrl, run.gitCommit);
  const metrics = Object.entries(run.metrics)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value: formatMetric(value) }));
  return (
    <>
      <NodeTitle>
        <Link href={runHref(run.experimentId, run.runId)} className={LINK}>
          {run.name}
        </Link>
      </NodeTitle>
      <Facts
        facts={[
          ["Status", run.status],
          ["Started by", run.user],
          ["Started", run.startTime === null ? null : formatUtc(run.startTime)],
          ["Duration", run.durationMs === null ? null : formatDuration(run.durationMs)],
          [
            "Git commit",
            run.gitCommit &&
              (commitLink ? (
                <a href={commitLink} className={`${LINK} font-mono text-xs`} rel="noopener noreferrer">
                  {run.gitCommit.slice(0, 12)}
                </a>
              ) : (
                <code className="font-mono text-xs">{run.gitCommit.slice(0, 12)}</code>
              )),
          ],
          ["Branch", run.gitBranch],
          ["Source", run.sourceName && `${run.sourceName}${run.sourceType ? ` (${run.sourceType})` : ""}`],
          ["Run id", <code key="id" className="font-mono text-xs">{run.runId}</code>],
        ]}
      />
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Parameters ({run.params.length})</summary>
        <div className="mt-2">
          <KeyValueTable caption={`Parameters of run ${run.name}`} rows={run.params} keyLabel="Parameter" empty="The run logged no parameters." />
        </div>
      </details>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Metrics ({metrics.length}, latest values)</summary>
        <div className="mt-2">
          <KeyValueTable caption={`Metrics of run ${run.name}`} rows={metrics} keyLabel="Metric" empty="The run logged no metrics." />
          <p className="mt-1 text-ink-muted">Metric history charts are on the run&apos;s page.</p>
        </div>
      </details>
    </>
  );
}

export function SweepStep({ lineage }: { lineage: VersionLineage }) {
  const { parentRun } = lineage;
  if (!lineage.run) return <Absent>Unknown without the training run.</Absent>;
  if (!parentRun) return <Absent>Not part of a sweep: the training run has no parent run (mlflow.parentRunId).</Absent>;
  return (
    <>
      <NodeTitle>
        <Link href={runHref(parentRun.experimentId, parentRun.runId)} className={LINK}>
          {parentRun.name}
        </Link>
      </NodeTitle>
      {lineage.parentRunProblem && <Absent>{lineage.parentRunProblem}</Absent>}
    </>
  );
}

export function ExperimentStep({ lineage }: { lineage: VersionLineage }) {
  if (!lineage.experiment) return <Absent>Unknown without the training run.</Absent>;
  return (
    <NodeTitle>
      <Link href={experimentHref(lineage.experiment.id)} className={LINK}>
        {lineage.experiment.name}
      </Link>
    </NodeTitle>
  );
}

export function VersionStep({ lineage }: { lineage: VersionLineage }) {
  return (
    <>
      <NodeTitle>
        <Link href={versionHref(lineage.name, lineage.version)} aria-current="page" className={LINK}>
          {lineage.name} version {lineage.version}
        </Link>
      </NodeTitle>
      <Facts
        facts={[
          ["Status", `${lineage.status}${lineage.statusMessage ? `: ${lineage.statusMessage}` : ""}`],
          ["Stage", lineage.stage ?? "None"],
          ["Registered", formatUtc(lineage.createdAt)],
          ["Registered by", lineage.userId],
          ["Model source", lineage.source && <code className="font-mono text-xs">{lineage.source}</code>],
        ]}
      />
    </>
  );
}

export function AliasesStep({ lineage }: { lineage: VersionLineage }) {
  const others = lineage.modelAliases.filter((entry) => entry.version !== lineage.version);
  return (
    <>
      <NodeTitle>
        <Link href={modelHref(lineage.name)} className={LINK}>
          {lineage.aliases.length > 0 ? `Aliases of ${lineage.name} on this version` : `No alias of ${lineage.name} points here`}
        </Link>
      </NodeTitle>
      {lineage.aliases.length > 0 && (
        <p className="flex flex-wrap gap-1" data-testid="version-aliases">
          {lineage.aliases.map((alias) => (
            <AliasBadge key={alias} alias={alias} />
          ))}
        </p>
      )}
      {others.length > 0 && (
        <p className="flex flex-wrap items-center gap-2 text-sm text-ink-muted">
          Elsewhere:
          {others.map((entry) => (
            <span key={entry.alias} className="inline-flex items-center gap-1">
              <AliasBadge alias={entry.alias} /> <VersionLink model={lineage.name} version={entry.version} label={entry.alias} />
            </span>
          ))}
        </p>
      )}
    </>
  );
}
