import type { ReactNode } from "react";
import type { VersionLineage } from "@/lib/registry/registry-views";
import { DeploymentsStep } from "./deployments-step";
import { AliasesStep, DatasetsStep, ExperimentStep, RunStep, SweepStep, VersionStep } from "./lineage-steps";

/** A downward arrow between two steps; decoration only, the list order carries the meaning. */
function Arrow() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 32" className="mx-auto my-1 h-8 w-6 text-ink-muted">
      <path d="M12 2v24m-7-7 7 7 7-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function Step({ number, kind, testId, last = false, children }: { number: number; kind: string; testId: string; last?: boolean; children: ReactNode }) {
  return (
    <li data-testid={testId}>
      <div className="rounded-lg border border-line bg-surface-raised p-4">
        <p className="text-xs font-semibold tracking-wide text-ink-muted uppercase">
          <span className="sr-only">Step </span>
          {number}. {kind}
        </p>
        <div className="mt-1 space-y-2">{children}</div>
      </div>
      {!last && <Arrow />}
    </li>
  );
}

/**
 * Lineage as an ordered flow, from the data to the deployments: each node links to its own page
 * (or to Azure ML studio), and screen readers hear the steps in order.
 */
export function LineageFlow({ lineage }: { lineage: VersionLineage }) {
  return (
    <ol aria-label={`Lineage of ${lineage.name} version ${lineage.version}, from training data to deployments`} className="mx-auto max-w-4xl">
      <Step number={1} kind="Training data" testId="lineage-datasets">
        <DatasetsStep lineage={lineage} />
      </Step>
      <Step number={2} kind="Training run" testId="lineage-run">
        <RunStep lineage={lineage} />
      </Step>
      <Step number={3} kind="Parent sweep" testId="lineage-sweep">
        <SweepStep lineage={lineage} />
      </Step>
      <Step number={4} kind="Experiment" testId="lineage-experiment">
        <ExperimentStep lineage={lineage} />
      </Step>
      <Step number={5} kind="Model version" testId="lineage-version">
        <VersionStep lineage={lineage} />
      </Step>
      <Step number={6} kind="Aliases" testId="lineage-aliases">
        <AliasesStep lineage={lineage} />
      </Step>
      <Step number={7} kind="Azure ML deployments" testId="lineage-deployments" last>
        <DeploymentsStep name={lineage.name} version={lineage.version} deployments={lineage.deployments} />
      </Step>
    </ol>
  );
}
