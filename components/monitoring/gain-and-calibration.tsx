import { ChartValuesTable } from "@/components/charts/chart-values-table";
import { UpstreamProblemPanel } from "@/components/feedback/upstream-problem-panel";
import { CsvDownload } from "@/components/table/csv-download";
import { csvDecimal, csvFilename, type CsvTable } from "@/components/table/csv-table";
import type { ReliabilityDiagram } from "@/lib/domain/monitoring/calibration";
import type { GainCurve } from "@/lib/domain/monitoring/lift";
import type { UpstreamProblem } from "@/lib/errors/upstream-problem";
import { formatCount, formatInterval, formatShare } from "./monitoring-format";
import { LINE_STYLES, LineSwatch, plotPoints, plotX, plotY, REFERENCE_STYLES, UnitSquareChart, type LineStyle } from "./unit-square-chart";

interface VersionCurves {
  version: string;
  gain: GainCurve | null;
  reliability: ReliabilityDiagram;
}

type WithGain = VersionCurves & { gain: GainCurve };

/** The versions with a gains curve, oldest first: the chart draws them and the table lists them. */
function withGains(versions: readonly VersionCurves[]): WithGain[] {
  return versions.filter((entry): entry is WithGain => entry.gain !== null);
}

/** The versions with a calibrated score bin, oldest first. */
function withCalibration(versions: readonly VersionCurves[]): VersionCurves[] {
  return versions.filter((entry) => entry.reliability.points.length > 0);
}

/** The gains table's rows as CSV: per version, one row per decile point after the origin. */
export function gainsCsv(versions: readonly VersionCurves[]): CsvTable {
  return {
    header: ["version", "customers_targeted_share", "churners_captured_share"],
    rows: withGains(versions).flatMap((entry) => entry.gain.model.slice(1).map((point) => [entry.version, csvDecimal(point.x), csvDecimal(point.y)])),
  };
}

/** The calibration table's rows as CSV: per version, one row per score bin with its 95 % Wilson interval. */
export function calibrationCsv(versions: readonly VersionCurves[]): CsvTable {
  return {
    header: ["version", "score_bin_lower", "score_bin_upper", "predictions", "mean_predicted", "observed_rate", "observed_rate_lower_95", "observed_rate_upper_95"],
    rows: withCalibration(versions).flatMap((entry) =>
      entry.reliability.points.map((point) => [
        entry.version,
        csvDecimal(point.lower),
        csvDecimal(point.upper),
        point.count,
        csvDecimal(point.meanPredicted),
        csvDecimal(point.observed),
        csvDecimal(point.interval.lower),
        csvDecimal(point.interval.upper),
      ]),
    ),
  };
}

/** The newest version (last) drawn boldest; older ones dashed. */
function styleOf(index: number, count: number): LineStyle {
  return LINE_STYLES[Math.min(count - 1 - index, LINE_STYLES.length - 1)]!;
}

function Line({ points, style, testId }: { points: readonly { x: number; y: number }[]; style: LineStyle; testId: string }) {
  return (
    <polyline
      points={plotPoints(points)}
      fill="none"
      stroke="currentColor"
      strokeWidth={style.width}
      strokeDasharray={style.dash}
      className={style.className}
      data-testid={testId}
    />
  );
}

/** Cumulative gains per version against random targeting and a perfect ranking. */
export function GainsChart({ versions, model }: { versions: readonly VersionCurves[]; model?: string }) {
  const drawn = withGains(versions);
  if (drawn.length === 0) return <p className="text-sm text-ink-muted">No churners among the matured outcomes: there is nothing to capture, so no gains curve.</p>;
  const newest = drawn.at(-1)!;
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium">Cumulative gains: churners captured by targeting the highest scores first</figcaption>
      <UnitSquareChart id="gains-chart" title={`Cumulative gains of ${drawn.map((entry) => `v${entry.version}`).join(" and ")}`} xLabel="Customers targeted" yLabel="Churners captured">
        <Line points={newest.gain.random} style={REFERENCE_STYLES.diagonal} testId="gains-random" />
        <Line points={newest.gain.perfect} style={REFERENCE_STYLES.perfect} testId="gains-perfect" />
        {drawn.map((entry, index) => (
          <Line key={entry.version} points={entry.gain.model} style={styleOf(index, drawn.length)} testId={`gains-v${entry.version}`} />
        ))}
      </UnitSquareChart>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Gains chart legend">
        {drawn.map((entry, index) => (
          <li key={entry.version} className="flex items-center gap-1"><LineSwatch style={styleOf(index, drawn.length)} /> v{entry.version}</li>
        ))}
        <li className="flex items-center gap-1"><LineSwatch style={REFERENCE_STYLES.diagonal} /> Random targeting</li>
        <li className="flex items-center gap-1">
          <LineSwatch style={REFERENCE_STYLES.perfect} /> Perfect ranking (v{newest.version}&apos;s prevalence {formatShare(newest.gain.prevalence)})
        </li>
      </ul>
      <div id="gains-values">
        <ChartValuesTable summary="Gains as a table" regionLabel="Cumulative gains values" caption="Share of churners captured per share of customers targeted" columns={["Version", "Customers targeted", "Churners captured"]}>
          {drawn.flatMap((entry) =>
            entry.gain.model.slice(1).map((point) => (
              <tr key={`${entry.version}:${point.x}`} className="border-b border-line">
                <th scope="row" className="py-1 pr-4 text-left font-normal">v{entry.version}</th>
                <td className="py-1 pr-4 tabular-nums">{formatShare(point.x)}</td>
                <td className="py-1 pr-4 tabular-nums">{formatShare(point.y)}</td>
              </tr>
            )),
          )}
        </ChartValuesTable>
        <CsvDownload {...gainsCsv(versions)} filename={csvFilename(model, "gains", ...drawn.map((entry) => `v${entry.version}`))} tableName="cumulative gains values" />
      </div>
    </figure>
  );
}

const decimals = (value: number | null, digits: number) => (value === null ? "—" : value.toFixed(digits));

/** Observed churn rate against mean predicted score per score bin, with Wilson whiskers, the diagonal, Brier score and ECE. */
export function ReliabilityChart({ versions, model }: { versions: readonly VersionCurves[]; model?: string }) {
  const drawn = withCalibration(versions);
  if (drawn.length === 0) return <p className="text-sm text-ink-muted">No matured outcomes to check the calibration against yet.</p>;
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium">Calibration: observed churn rate against the predicted probability, per score bin</figcaption>
      <UnitSquareChart id="reliability-chart" title={`Reliability diagram of ${drawn.map((entry) => `v${entry.version}`).join(" and ")}`} xLabel="Mean predicted probability" yLabel="Observed churn rate">
        <Line points={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} style={REFERENCE_STYLES.diagonal} testId="reliability-diagonal" />
        {drawn.map((entry, index) => {
          const style = styleOf(index, drawn.length);
          return (
            <g key={entry.version} className={style.className} stroke="currentColor" fill="currentColor" data-testid={`reliability-v${entry.version}`}>
              <Line points={entry.reliability.points.map((point) => ({ x: point.meanPredicted, y: point.observed }))} style={{ ...style, width: 1 }} testId={`reliability-line-v${entry.version}`} />
              {entry.reliability.points.map((point) => (
                <g key={point.bin} data-testid="reliability-point">
                  <line x1={plotX(point.meanPredicted)} x2={plotX(point.meanPredicted)} y1={plotY(point.interval.lower)} y2={plotY(point.interval.upper)} strokeWidth={1} />
                  <circle cx={plotX(point.meanPredicted)} cy={plotY(point.observed)} r={index === drawn.length - 1 ? 3.5 : 2.5} />
                </g>
              ))}
            </g>
          );
        })}
      </UnitSquareChart>
      <ul className="space-y-0.5 text-xs" aria-label="Calibration scores" data-testid="calibration-scores">
        {drawn.map((entry, index) => (
          <li key={entry.version} className="flex items-center gap-1">
            <LineSwatch style={styleOf(index, drawn.length)} /> v{entry.version}: Brier score {decimals(entry.reliability.brierScore, 3)}, expected calibration error (ECE){" "}
            {decimals(entry.reliability.expectedCalibrationError, 3)} over {formatCount(entry.reliability.predictions)} predictions
          </li>
        ))}
        <li className="flex items-center gap-1"><LineSwatch style={REFERENCE_STYLES.diagonal} /> Perfect calibration; whiskers are 95 % Wilson intervals</li>
      </ul>
      <div id="calibration-values">
        <ChartValuesTable summary="Calibration as a table" regionLabel="Calibration values" caption="Mean predicted probability and observed churn rate per score bin" columns={["Version", "Score bin", "Predictions", "Mean predicted", "Observed (95 % interval)"]}>
          {drawn.flatMap((entry) =>
            entry.reliability.points.map((point) => (
              <tr key={`${entry.version}:${point.bin}`} className="border-b border-line">
                <th scope="row" className="py-1 pr-4 text-left font-normal">v{entry.version}</th>
                <td className="py-1 pr-4 tabular-nums">{`${point.lower.toFixed(1)}–${point.upper.toFixed(1)}`}</td>
                <td className="py-1 pr-4 tabular-nums">{formatCount(point.count)}</td>
                <td className="py-1 pr-4 tabular-nums">{formatShare(point.meanPredicted)}</td>
                <td className="py-1 pr-4 tabular-nums">{`${formatShare(point.observed)} ${formatInterval(point.interval)}`}</td>
              </tr>
            )),
          )}
        </ChartValuesTable>
        <CsvDownload {...calibrationCsv(versions)} filename={csvFilename(model, "calibration", ...drawn.map((entry) => `v${entry.version}`))} tableName="calibration values" />
      </div>
    </figure>
  );
}

/** Gains and calibration side by side; calibration says its own problem when its read failed. */
export function GainAndCalibration({ versions, calibrationProblem = null, model }: { versions: readonly VersionCurves[]; calibrationProblem?: UpstreamProblem | null; model?: string }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <GainsChart versions={versions} model={model} />
      {calibrationProblem ? <UpstreamProblemPanel problem={calibrationProblem} /> : <ReliabilityChart versions={versions} model={model} />}
    </div>
  );
}
