import { ColumnHeadings } from "@/components/data/column-headings";
import { formatCount, formatShare } from "@/components/monitoring/monitoring-format";
import { CsvDownload } from "@/components/table/csv-download";
import { csvDecimal, csvFilename, type CsvTable } from "@/components/table/csv-table";
import { budgetConsumedOver, maxBurnRate, type AlertRowResult, type AlertRowState, type AlertState } from "@/lib/domain/slo/burn-rate-alerts";
import { formatTarget } from "@/lib/domain/slo/definitions";
import { ToneBadge, type TONE } from "./slo-alert-badge";
import { formatBurnRate, formatFactor, windowLabel } from "./slo-format";

const CELL = "py-1.5 pr-3";
const NUMBER = "py-1.5 pr-3 text-right font-medium";
const COLUMNS = [
  { label: "Severity", className: "py-1.5 pr-3 font-medium" },
  { label: "Long window", className: "py-1.5 pr-3 font-medium" },
  { label: "Short window", className: "py-1.5 pr-3 font-medium" },
  { label: "Factor", className: NUMBER },
  { label: "Burn rate, long", className: NUMBER },
  { label: "Burn rate, short", className: NUMBER },
  { label: "Budget spent at the factor", className: NUMBER },
  { label: "Events needed (long window)", className: NUMBER },
  { label: "State", className: "py-1.5 font-medium" },
];

const STATES: Record<AlertRowState, { text: string; tone: keyof typeof TONE }> = {
  firing: { text: "Firing", tone: "bad" },
  ok: { text: "Not firing", tone: "ok" },
  "not-enough-traffic": { text: "Too little traffic", tone: "neutral" },
  absent: { text: "No data", tone: "warn" },
  impossible: { text: "Cannot fire", tone: "neutral" },
};

const severityName = (result: AlertRowResult) => (result.row.severity === "page" ? "Page" : "Ticket");

/** A ticket that fires is urgent but not a page: its badge is amber, a page's red. */
function stateTone(result: AlertRowResult): keyof typeof TONE {
  return result.state === "firing" && result.row.severity === "ticket" ? "warn" : STATES[result.state].tone;
}

/** The table's rows as CSV, in its order: windows by their KQL names, rates and shares as numbers. */
export function alertWindowsCsv(alert: AlertState, periodDays: number): CsvTable {
  return {
    header: ["severity", "long_window", "short_window", "factor", "long_window_burn_rate", "short_window_burn_rate", "budget_consumed_share", "minimum_long_window_events", "state", "reason"],
    rows: alert.rows.map((result) => [
      result.row.severity,
      result.row.long,
      result.row.short,
      result.row.factor,
      csvDecimal(result.longBurnRate),
      csvDecimal(result.shortBurnRate),
      csvDecimal(budgetConsumedOver(result.row, periodDays)),
      result.minimumEvents,
      result.state,
      result.reason,
    ]),
  };
}

interface AlertWindowsTableProps {
  alert: AlertState;
  target: number;
  periodDays: number;
  /** Names the table's id and the CSV file, e.g. "churn-endpoint-availability-alert-windows.csv". */
  sloId: string;
}

/**
 * The multi-window, multi-burn-rate table (Google SRE workbook): per row both windows' burn rates
 * against the factor, the budget the long window spends at that rate, and the row's state with its
 * sentence; a row whose factor exceeds 1 / (1 − target) says it can never fire.
 */
export function AlertWindowsTable({ alert, target, periodDays, sloId }: AlertWindowsTableProps) {
  return (
    <div className="space-y-1">
      <div className="overflow-x-auto">
        <table id={`${sloId}-alert-windows`} className="w-full border-collapse text-left text-sm" data-testid="alert-windows">
          <caption className="pb-2 text-left text-ink-muted">
            Burn-rate alerts: a row fires when the burn rate over both its windows is above its factor. At a {formatTarget(target)} target the burn rate is at most 1 ÷ (1 − target) ={" "}
            {formatFactor(maxBurnRate(target))} (every event bad): a larger factor can never fire.
          </caption>
          <ColumnHeadings columns={COLUMNS} />
          <tbody>
            {alert.rows.map((result) => (
              <tr key={`${result.row.long}:${result.row.short}`} className="border-b border-line align-top" data-testid="alert-row" data-severity={result.row.severity} data-long={result.row.long} data-state={result.state}>
                <th scope="row" className={`${CELL} font-normal`}>{severityName(result)}</th>
                <td className={CELL}>{windowLabel(result.row.long)}</td>
                <td className={CELL}>{windowLabel(result.row.short)}</td>
                <td className={`${CELL} text-right tabular-nums`}>{formatFactor(result.row.factor)}</td>
                <td className={`${CELL} text-right tabular-nums`}>{formatBurnRate(result.longBurnRate)}</td>
                <td className={`${CELL} text-right tabular-nums`}>{formatBurnRate(result.shortBurnRate)}</td>
                <td className={`${CELL} text-right tabular-nums`}>{formatShare(budgetConsumedOver(result.row, periodDays))}</td>
                <td className={`${CELL} text-right tabular-nums`}>{formatCount(result.minimumEvents)}</td>
                <td className="py-1.5">
                  <ToneBadge tone={stateTone(result)}>{STATES[result.state].text}</ToneBadge>
                  <p className="mt-1 max-w-sm text-xs" data-testid="alert-reason">
                    {result.reason}
                  </p>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvDownload {...alertWindowsCsv(alert, periodDays)} filename={csvFilename(sloId, "alert-windows")} tableName={`alert windows of ${sloId}`} />
    </div>
  );
}
