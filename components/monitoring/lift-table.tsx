import { ColumnHeadings } from "@/components/data/column-headings";
import { CsvDownload } from "@/components/table/csv-download";
import { csvDecimal, csvFilename, type CsvTable } from "@/components/table/csv-table";
import type { DecileLift, DecileLiftRow } from "@/lib/domain/monitoring/lift";
import type { ProportionInterval } from "@/lib/domain/monitoring/wilson-interval";
import type { ModelMonitoring } from "@/lib/monitoring/read-model-monitoring";
import { formatUtc } from "@/lib/ui/format";
import { formatCount, formatInterval, formatLift, formatShare } from "./monitoring-format";

const NUMBER = "py-1.5 pr-3 text-right font-medium";
const COLUMNS = [
  { label: "Decile", className: "py-1.5 pr-3 font-medium" },
  { label: "Predictions", className: NUMBER },
  { label: "Churners", className: NUMBER },
  { label: "Churn rate (95 % Wilson interval)", className: NUMBER },
  { label: "Lift vs random", className: NUMBER },
  { label: "Cumulative gain", className: "py-1.5 text-right font-medium" },
];

function rateText(rate: number | null, interval: ProportionInterval | null): string {
  if (rate === null) return "—";
  return interval ? `${formatShare(rate)} ${formatInterval(interval)}` : formatShare(rate);
}

/**
 * One version's deciles as CSV, then the overall row the table ends with (decile "all"); rates and
 * their 95 % Wilson bounds as shares, lift against random targeting as a multiple.
 */
export function versionLiftCsv(lift: DecileLift): CsvTable {
  const overall = [
    "all",
    lift.predictions,
    lift.positives,
    csvDecimal(lift.overallRate),
    null,
    null,
    lift.overallRate === null ? null : 1,
    lift.positives > 0 ? 1 : null,
  ];
  return {
    header: ["decile", "predictions", "churners", "churn_rate", "churn_rate_lower_95", "churn_rate_upper_95", "lift_vs_random", "cumulative_gain_share"],
    rows: [
      ...lift.deciles.map((row) => [
        row.decile,
        row.predictions,
        row.positives,
        csvDecimal(row.rate),
        row.rate === null ? null : csvDecimal(row.interval?.lower),
        row.rate === null ? null : csvDecimal(row.interval?.upper),
        csvDecimal(row.lift),
        csvDecimal(row.cumulativeGain),
      ]),
      overall,
    ],
  };
}

function DecileRow({ row }: { row: DecileLiftRow }) {
  return (
    <tr className="border-b border-line" data-decile={row.decile}>
      <th scope="row" className="py-1.5 pr-3 text-left font-normal tabular-nums">{row.decile}</th>
      <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(row.predictions)}</td>
      <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(row.positives)}</td>
      <td className="py-1.5 pr-3 text-right tabular-nums">{rateText(row.rate, row.interval)}</td>
      <td className="py-1.5 pr-3 text-right tabular-nums">{formatLift(row.lift)}</td>
      <td className="py-1.5 text-right tabular-nums">{formatShare(row.cumulativeGain)}</td>
    </tr>
  );
}

/** One version's deciles (1 = highest scores) with the overall rate beneath. */
export function VersionLiftTable({ version, lift, model }: { version: string; lift: DecileLift; model?: string }) {
  return (
    <div className="space-y-1">
      <table id={`lift-table-v${version}`} className="w-full border-collapse text-sm" data-testid="lift-table" data-version={version}>
        <caption className="pb-2 text-left font-medium">v{version}: churn by score decile (1 = highest scores)</caption>
        <ColumnHeadings columns={COLUMNS} />
        <tbody>
          {lift.deciles.map((row) => (
            <DecileRow key={row.decile} row={row} />
          ))}
        </tbody>
        <tfoot>
          <tr className="font-medium" data-testid="lift-overall">
            <th scope="row" className="py-1.5 pr-3 text-left">All</th>
            <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(lift.predictions)}</td>
            <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(lift.positives)}</td>
            <td className="py-1.5 pr-3 text-right tabular-nums">{formatShare(lift.overallRate)}</td>
            <td className="py-1.5 pr-3 text-right tabular-nums">{lift.overallRate === null ? "—" : formatLift(1)}</td>
            <td className="py-1.5 text-right tabular-nums">{lift.positives > 0 ? formatShare(1) : "—"}</td>
          </tr>
        </tfoot>
      </table>
      <CsvDownload {...versionLiftCsv(lift)} filename={csvFilename(model, `lift-v${version}`)} tableName={`lift table of v${version}`} />
    </div>
  );
}

/** "v7's top-decile lift 3.4× against v6's 2.9× on the same matured cohort (ratio 1.17)", or why there is none. */
export function comparisonText(comparison: NonNullable<ModelMonitoring["comparison"]>): string {
  const { newest, previous, challengerTopDecileLift, championTopDecileLift, ratio } = comparison;
  if (challengerTopDecileLift === undefined || championTopDecileLift === undefined) {
    return `v${newest}'s and v${previous}'s top-decile lift cannot be compared: one of them has no matured outcomes in its top decile.`;
  }
  const ratioText = ratio === null || ratio === undefined ? `no ratio: v${previous}'s top decile caught no churners` : `ratio ${ratio.toFixed(2)}`;
  return `v${newest}'s top-decile lift ${formatLift(challengerTopDecileLift, 1)} against v${previous}'s ${formatLift(championTopDecileLift, 1)} on the same matured cohort (${ratioText}).`;
}

interface LiftTablesProps {
  versions: readonly { version: string; lift: DecileLift }[];
  /** Predictions before this instant have had their full label horizon. */
  matureBefore: string;
  comparison: ModelMonitoring["comparison"];
  /** Names the CSV downloads, e.g. "churn_xgb-lift-v7.csv". */
  model?: string;
}

/** Decile lift per version, side by side, with the label maturity and what lift does not measure. */
export function LiftTables({ versions, matureBefore, comparison, model }: LiftTablesProps) {
  return (
    <div className="space-y-3">
      <p className="rounded border border-line bg-surface-raised px-3 py-2 text-sm" data-testid="label-maturity">
        Outcomes complete through <time dateTime={matureBefore}>{formatUtc(matureBefore)}</time>: later predictions have not had their label horizon yet and are not counted.
      </p>
      {versions.length === 0 ? (
        <p className="text-sm text-ink-muted">No matured outcomes in this range yet.</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          {versions.map((entry) => (
            <VersionLiftTable key={entry.version} version={entry.version} lift={entry.lift} model={model} />
          ))}
        </div>
      )}
      {comparison && (
        <p className="text-sm font-medium" data-testid="lift-comparison">
          {comparisonText(comparison)}
        </p>
      )}
      <p className="text-xs text-ink-muted" data-testid="lift-definition">
        Lift ranks who is at risk: a decile&apos;s churn rate ÷ the overall churn rate (random targeting = 1×; Lift@10 % = churn in the top 10 % ÷ overall churn). It is not
        uplift, the churn an offer prevents, which only the randomised holdout measures.
      </p>
    </div>
  );
}
