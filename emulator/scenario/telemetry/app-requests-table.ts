// AppRequests rows, one per sampled request, made from the request log of every endpoint. Values
// shared by many rows (Properties bags, names, URLs) are built once; ids derive from each sample's seed.
// The endpoint whose exporter broke (ABSENT_TELEMETRY) sends no rows from then on, though it serves.
import { TELEMETRY_TABLES } from "../../../lib/telemetry/contract";
import type { Row, Value } from "../../kql/ast";
import { HOUR_MS, MINUTE_MS } from "../clock";
import type { DeploymentSpec } from "../endpoint-fleet";
import { SeededRandom } from "../random";
import { BucketedTable } from "./bucketed-table";
import { ABSENT_TELEMETRY, telemetryAbsentFrom } from "./recent-incidents";
import type { RequestHour, RequestLog } from "./request-log";
import type { TelemetryScenario } from "./telemetry-scenario";

const PERFORMANCE_BUCKETS: [number, string][] = [
  [250, "<250ms"],
  [500, "250ms-500ms"],
  [1000, "500ms-1sec"],
  [3000, "1sec-3sec"],
  [7000, "3sec-7sec"],
  [15_000, "7sec-15sec"],
  [30_000, "15sec-30sec"],
  [60_000, "30sec-1min"],
  [120_000, "1min-2min"],
  [300_000, "2min-5min"],
];

function performanceBucket(durationMs: number): string {
  return PERFORMANCE_BUCKETS.find(([limit]) => durationMs < limit)?.[1] ?? ">=5min";
}

/** murmur3's finaliser: spreads a seed into an unrelated 32-bit value. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex8 = (value: number) => value.toString(16).padStart(8, "0");
const traceId = (seed: number) => hex8(seed) + hex8(mix32(seed ^ 3)) + hex8(mix32(seed ^ 4)) + hex8(mix32(seed ^ 5));
const spanId = (seed: number) => hex8(mix32(seed ^ 1)) + hex8(mix32(seed ^ 2));

/** The sample a row is read from: one object moved along the samples, not one per row. */
interface Cursor {
  endpoint: string;
  hour: RequestHour;
  index: number;
  shared: SharedValues;
}

const deploymentOf = ({ hour, index }: Cursor) => hour.deployments[hour.deployment[index]!]!;
const durationOf = ({ hour, index }: Cursor) => hour.durationUs[index]! / 1000;
const resultCodeOf = ({ hour, index }: Cursor) => hour.resultCode[index]!;
const traceSeedOf = ({ hour, index }: Cursor) => hour.traceSeed[index]!;

/** Values the same for many rows, built once per scenario. */
class SharedValues {
  readonly workspaceId: string;
  readonly resourceId: string;
  readonly componentGuid: string;
  readonly instrumentationKey: string;
  /** Properties bags per deployment, indexed by mirrored and cost_tokens. */
  private readonly bags = new Map<DeploymentSpec, Map<number, object>>();
  private readonly featureSetHashes = new Map<string, string>();
  private readonly instanceNames = new Map<DeploymentSpec, string[]>();

  constructor(private readonly scenario: TelemetryScenario) {
    const { identity } = scenario;
    const random = new SeededRandom(scenario.seed, "app-insights-component");
    this.workspaceId = identity.logAnalyticsWorkspaceId;
    this.resourceId = `/subscriptions/${identity.subscriptionId}/resourcegroups/${identity.resourceGroup}/providers/microsoft.insights/components/appi-ml-serving`.toLowerCase();
    this.componentGuid = random.guid();
    this.instrumentationKey = random.guid();
  }

  /** Pod-like instance names of a deployment, e.g. blue-3f9a1c-0. */
  instanceName(deployment: DeploymentSpec, instance: number): string {
    let names = this.instanceNames.get(deployment);
    if (!names) {
      const random = new SeededRandom(this.scenario.seed, "instances", deployment.name, deployment.modelVersion);
      const replicaSet = random.hex(6);
      names = Array.from({ length: Math.max(1, deployment.instanceCount) }, (_, index) => `${deployment.name}-${replicaSet}-${index}`);
      this.instanceNames.set(deployment, names);
    }
    return names[instance] ?? names[0]!;
  }

  url(endpoint: string): string {
    return `https://${endpoint}.${this.scenario.identity.location}.inference.ml.azure.com/score`;
  }

  featureSetHash(deployment: DeploymentSpec): string {
    const key = `${deployment.modelName}:${deployment.modelVersion}`;
    let hash = this.featureSetHashes.get(key);
    if (!hash) {
      hash = new SeededRandom(this.scenario.seed, "feature-set", key).hex(12);
      this.featureSetHashes.set(key, hash);
    }
    return hash;
  }

  /** The Properties bag; the few distinct ones are shared, never mutated. */
  properties(cursor: Cursor): object {
    const { endpoint, hour, index } = cursor;
    const deployment = deploymentOf(cursor);
    const mirrored = hour.mirrored[index] === 1;
    const costTokens = hour.costTokens[index]!;
    let byVariant = this.bags.get(deployment);
    if (!byVariant) {
      byVariant = new Map();
      this.bags.set(deployment, byVariant);
    }
    const variant = costTokens * 2 + (mirrored ? 1 : 0);
    let bag = byVariant.get(variant);
    if (!bag) {
      bag = {
        model_name: deployment.modelName,
        model_version: deployment.modelVersion,
        deployment: deployment.name,
        endpoint,
        feature_set_hash: this.featureSetHash(deployment),
        cost_tokens: costTokens,
        ...(mirrored ? { mirrored: true } : {}),
      };
      byVariant.set(variant, bag);
    }
    return bag;
  }
}

const EMPTY_MEASUREMENTS = Object.freeze({});

/** How each column's value is read from a sample, by column name. */
const COLUMN_VALUES: Record<string, (cursor: Cursor) => Value> = {
  TenantId: ({ shared }) => shared.workspaceId,
  TimeGenerated: ({ hour, index }) => hour.hourStart + hour.timeOffset[index]!,
  Id: (cursor) => spanId(traceSeedOf(cursor)),
  Source: () => "",
  Name: () => "POST /score",
  Url: ({ endpoint, shared }) => shared.url(endpoint),
  Success: (cursor) => resultCodeOf(cursor) < 400,
  ResultCode: (cursor) => String(resultCodeOf(cursor)),
  DurationMs: durationOf,
  PerformanceBucket: (cursor) => performanceBucket(durationOf(cursor)),
  Properties: (cursor) => cursor.shared.properties(cursor),
  Measurements: () => EMPTY_MEASUREMENTS,
  OperationName: () => "POST /score",
  OperationId: (cursor) => traceId(traceSeedOf(cursor)),
  OperationLinks: () => null,
  ParentId: (cursor) => traceId(traceSeedOf(cursor)),
  SyntheticSource: () => "",
  SessionId: () => "",
  UserId: () => "",
  UserAuthenticatedId: () => "",
  UserAccountId: () => "",
  AppVersion: (cursor) => `${deploymentOf(cursor).modelName}:${deploymentOf(cursor).modelVersion}`,
  AppRoleName: (cursor) => `${cursor.endpoint}-${deploymentOf(cursor).name}`,
  AppRoleInstance: (cursor) => cursor.shared.instanceName(deploymentOf(cursor), cursor.hour.instance[cursor.index]!),
  ClientType: () => "PC",
  ClientModel: () => "",
  ClientOS: () => "",
  ClientIP: () => "0.0.0.0",
  ClientCity: () => "",
  ClientStateOrProvince: () => "",
  ClientCountryOrRegion: () => "",
  ClientBrowser: () => "",
  ResourceGUID: ({ shared }) => shared.componentGuid,
  IKey: ({ shared }) => shared.instrumentationKey,
  SDKVersion: () => "otelpy:1.26.0",
  ItemCount: ({ hour, index }) => hour.itemCount[index]!,
  ReferencedItemId: () => "",
  ReferencedType: () => "",
  SourceSystem: () => "Azure",
  Type: () => "AppRequests",
  _ResourceId: ({ shared }) => shared.resourceId,
};

export function createAppRequestsTable(scenario: TelemetryScenario, log: RequestLog): BucketedTable {
  const { columns } = TELEMETRY_TABLES.AppRequests;
  const allReaders = columns.map((column) => {
    const read = COLUMN_VALUES[column.name];
    if (!read) throw new Error(`AppRequests column ${column.name} has no generator.`);
    return read;
  });
  const allIndices = columns.map((_, index) => index);
  const emptyRow: Row = columns.map(() => null);
  // One scan asks for the same columns minute after minute: remember the last selection.
  let lastSelection: { needed: ReadonlySet<string> | undefined; indices: number[] } = { needed: undefined, indices: allIndices };
  const indicesFor = (needed: ReadonlySet<string> | undefined) => {
    if (lastSelection.needed !== needed) {
      lastSelection = { needed, indices: needed ? allIndices.filter((index) => needed.has(columns[index]!.name)) : allIndices };
    }
    return lastSelection.indices;
  };
  const shared = new SharedValues(scenario);
  const absentFrom = telemetryAbsentFrom(scenario.clock);
  return new BucketedTable({
    columns,
    clock: scenario.clock,
    bucketMs: MINUTE_MS,
    // The request log caches samples; rows are cheap to rebuild from them.
    cacheSize: 0,
    generate(minuteStart, needed) {
      const indices = indicesFor(needed);
      // Grouped by endpoint, by time within each (Kusto promises no order without sort).
      const rows: Row[] = [];
      for (const endpoint of scenario.fleet.names()) {
        const hour = log.hour(endpoint, minuteStart);
        const minute = Math.floor((minuteStart % HOUR_MS) / MINUTE_MS);
        const cursor: Cursor = { endpoint, hour, index: 0, shared };
        const exportedBefore = endpoint === ABSENT_TELEMETRY.endpoint ? absentFrom : Infinity;
        for (let index = hour.minuteOffsets[minute]!; index < hour.minuteOffsets[minute + 1]!; index++) {
          if (hour.hourStart + hour.timeOffset[index]! >= exportedBefore) break;
          cursor.index = index;
          const row = emptyRow.slice();
          for (const column of indices) row[column] = allReaders[column]!(cursor);
          rows.push(row);
        }
      }
      return rows;
    },
  });
}
