// What the registry verbs hand to pages and components: plain, serialisable data with no SDK or
// wire types, so components render it without knowing where it came from.
import type { RunSummary } from "@/lib/domain/run-summary";
import type { VersionComparison } from "@/lib/domain/version-comparison";
import type { Freshness } from "@/lib/sources/freshness";

export interface KeyValue {
  key: string;
  value: string;
}

export interface AliasEntry {
  alias: string;
  version: string;
}

/** What became of a version's source run when the page read it. */
export type RunState = "ok" | "no-run" | "missing" | "unavailable" | "not-read";

export interface ModelVersionRow {
  version: string;
  status: string;
  statusMessage: string | null;
  stage: string | null;
  aliases: string[];
  runId: string | null;
  runName: string | null;
  experimentId: string | null;
  runState: RunState;
  /** The latest value of each metric the source run logged; empty when the run was not read. */
  metrics: Record<string, number>;
  createdAt: number | null;
  userId: string | null;
  description: string | null;
}

export interface ModelDetail extends Freshness {
  name: string;
  description: string | null;
  owner: string | null;
  createdAt: number | null;
  lastUpdated: number | null;
  tags: KeyValue[];
  aliases: AliasEntry[];
  /** Newest first. */
  versions: ModelVersionRow[];
  /** How many (newest) versions had their run read; the others show no metrics. */
  versionsWithMetrics: number;
}

export interface DeploymentView {
  endpoint: string;
  deployment: string;
  /** `properties.model` as ARM holds it. */
  modelReference: string | null;
  /** The version of this model the deployment serves (null for a label such as @latest). */
  servedVersion: string | null;
  livePercent: number;
  mirrorPercent: number;
  provisioningState: string | null;
  instanceType: string | null;
  instanceCount: number | null;
  studioUrl: string;
}

export type DeploymentsView =
  | ({ state: "ok"; serving: DeploymentView[]; otherVersions: DeploymentView[] } & Freshness)
  | { state: "not-configured"; message: string }
  | { state: "unavailable"; message: string };

export type ChampionView =
  | { state: "this-is-champion" }
  | { state: "no-champion" }
  | { state: "compared"; version: string; runId: string; experimentId: string; comparison: VersionComparison }
  | { state: "unavailable"; version: string; message: string };

export interface VersionLineage extends Freshness {
  name: string;
  version: string;
  status: string;
  statusMessage: string | null;
  stage: string | null;
  description: string | null;
  source: string | null;
  createdAt: number | null;
  lastUpdated: number | null;
  userId: string | null;
  tags: KeyValue[];
  /** This version's aliases. */
  aliases: string[];
  /** Every alias of the model, to place this version among them. */
  modelAliases: AliasEntry[];
  run: RunSummary | null;
  /** Why there is no run: none recorded, deleted, or MLflow did not answer. */
  runProblem: string | null;
  parentRun: { runId: string; name: string; experimentId: string } | null;
  parentRunProblem: string | null;
  experiment: { id: string; name: string } | null;
  deployments: DeploymentsView;
  champion: ChampionView;
}
