import { ColumnHeadings } from "@/components/data/column-headings";
import { StateBadge } from "@/components/promotions/state-badge";
import { CsvDownload } from "@/components/table/csv-download";
import { csvDecimal, csvFilename, csvTime, type CsvTable } from "@/components/table/csv-table";
import { DEAD_LETTER_DEPTH_THRESHOLD, FEATURE_FRESHNESS_SLO_MINUTES, type DeadLetterHealth, type FeatureTableHealth } from "@/lib/domain/monitoring/data-health";
import type { PanelReading as Reading } from "@/lib/monitoring/monitoring-reads";
import { formatUtc } from "@/lib/ui/format";
import { formatCount, formatMinutes } from "./monitoring-format";
import { PanelReading } from "./panel-reading";

const CELL = "py-2 pr-4";
const NUMBER = "py-2 pr-4 text-right font-medium";

/** The feature tables' rows as CSV, in the table's order; an unknown lag is left empty. */
export function featureTablesCsv(tables: readonly FeatureTableHealth[]): CsvTable {
  return {
    header: ["feature_table", "read_by", "lag_minutes", "last_refresh", "state"],
    rows: tables.map((table) => [table.table, table.consumers.join("; "), csvDecimal(table.lagMinutes), csvTime(table.lastRefreshTime), table.stale ? "stale" : "fresh"]),
  };
}

/** The dead-letter queues' rows as CSV, in the table's order. */
export function deadLetterQueuesCsv(queues: readonly DeadLetterHealth[]): CsvTable {
  return {
    header: ["queue", "namespace", "depth_messages", "oldest_message_age_minutes", "sampled_at", "state"],
    rows: queues.map((queue) => [
      queue.queue,
      queue.namespace,
      queue.depth,
      csvDecimal(queue.oldestMessageAgeMinutes),
      csvTime(queue.sampledAt),
      queue.overThreshold ? "over threshold" : "below threshold",
    ]),
  };
}

/** Feature tables in the order given (stale first), each with the models that read it and its lag against the SLO. */
export function FeatureTablesHealth({ tables, model }: { tables: readonly FeatureTableHealth[]; model?: string }) {
  if (tables.length === 0) return <p className="text-sm text-ink-muted">No feature table this model reads was probed in the last hour.</p>;
  return (
    <div className="space-y-1">
      <table id="feature-tables" className="w-full border-collapse text-left text-sm" data-testid="feature-tables">
        <caption className="pb-2 text-left text-ink-muted">Feature tables, stale first: a table is stale once its last refresh is {FEATURE_FRESHNESS_SLO_MINUTES} minutes old or more.</caption>
        <ColumnHeadings
          columns={["Feature table", "Read by", { label: `Lag (SLO < ${FEATURE_FRESHNESS_SLO_MINUTES} min)`, className: NUMBER }, "Last refresh", { label: "State", className: "py-2 font-medium" }]}
        />
        <tbody>
          {tables.map((table) => (
            <tr key={table.table} className="border-b border-line" data-table={table.table} data-stale={table.stale}>
              <th scope="row" className={`${CELL} font-mono font-normal`}>{table.table}</th>
              <td className={CELL}>{table.consumers.length > 0 ? table.consumers.join(", ") : <span className="text-ink-muted">not recorded</span>}</td>
              <td className={`${CELL} text-right tabular-nums ${table.stale ? "font-semibold text-bad" : ""}`}>{formatMinutes(table.lagMinutes)}</td>
              <td className={`${CELL} whitespace-nowrap`}><time dateTime={table.lastRefreshTime}>{formatUtc(table.lastRefreshTime)}</time></td>
              <td className="py-2"><StateBadge state={table.stale ? "fail" : "pass"} label={table.stale ? "Stale" : "Fresh"} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <CsvDownload {...featureTablesCsv(tables)} filename={csvFilename(model, "feature-tables")} tableName="feature tables" />
    </div>
  );
}

/** Dead-letter queues, deepest first, against the depth that needs a look. */
export function DeadLetterQueues({ queues, model }: { queues: readonly DeadLetterHealth[]; model?: string }) {
  if (queues.length === 0) return <p className="text-sm text-ink-muted">No dead-letter queue was sampled in the last hour.</p>;
  return (
    <div className="space-y-1">
      <table id="dead-letter-queues" className="w-full border-collapse text-left text-sm" data-testid="dead-letter-queues">
        <caption className="pb-2 text-left text-ink-muted">Dead-letter queues, deepest first: more than {DEAD_LETTER_DEPTH_THRESHOLD} dead-lettered messages needs a look.</caption>
        <ColumnHeadings
          columns={["Queue", { label: `Depth (threshold ${DEAD_LETTER_DEPTH_THRESHOLD})`, className: NUMBER }, { label: "Oldest message", className: NUMBER }, "Sampled", { label: "State", className: "py-2 font-medium" }]}
        />
        <tbody>
          {queues.map((queue) => (
            <tr key={`${queue.namespace}/${queue.queue}`} className="border-b border-line" data-queue={queue.queue} data-over-threshold={queue.overThreshold}>
              <th scope="row" className={`${CELL} font-normal`}>
                <span className="font-mono">{queue.queue}</span> <span className="text-xs text-ink-muted">({queue.namespace})</span>
              </th>
              <td className={`${CELL} text-right tabular-nums ${queue.overThreshold ? "font-semibold text-bad" : ""}`}>{formatCount(queue.depth)}</td>
              <td className={`${CELL} text-right tabular-nums`}>{formatMinutes(queue.oldestMessageAgeMinutes)}</td>
              <td className={`${CELL} whitespace-nowrap`}><time dateTime={queue.sampledAt}>{formatUtc(queue.sampledAt)}</time></td>
              <td className="py-2"><StateBadge state={queue.overThreshold ? "fail" : "pass"} label={queue.overThreshold ? "Over threshold" : "Below threshold"} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <CsvDownload {...deadLetterQueuesCsv(queues)} filename={csvFilename(model, "dead-letter-queues")} tableName="dead-letter queues" />
    </div>
  );
}

interface DataHealthProps {
  featureTables: Reading<FeatureTableHealth[]>;
  deadLetters: Reading<DeadLetterHealth[]>;
  requestId?: string | null;
  now?: string;
  /** Names the CSV downloads, e.g. "churn_xgb-feature-tables.csv". */
  model?: string;
}

/** Beside drift, the data that feeds the model: each probe's panel says its own age or problem. */
export function DataHealth({ featureTables, deadLetters, requestId, now, model }: DataHealthProps) {
  return (
    <div className="grid gap-6 2xl:grid-cols-2">
      <div className="min-w-0 space-y-2">
        <h3 className="font-medium">Feature freshness</h3>
        <PanelReading reading={featureTables} source="Log Analytics" requestId={requestId} now={now}>
          {(tables) => <FeatureTablesHealth tables={tables} model={model} />}
        </PanelReading>
      </div>
      <div className="min-w-0 space-y-2">
        <h3 className="font-medium">Dead-lettered messages</h3>
        <PanelReading reading={deadLetters} source="Log Analytics" requestId={requestId} now={now}>
          {(queues) => <DeadLetterQueues queues={queues} model={model} />}
        </PanelReading>
      </div>
    </div>
  );
}
