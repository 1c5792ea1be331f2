import { CsvDownload } from "@/components/table/csv-download";
import { csvDecimal, csvFilename, type CsvTable } from "@/components/table/csv-table";
import type { FleetModelRow } from "@/lib/domain/monitoring/fleet-health";
import { formatCount, formatLift, formatPsi } from "./monitoring-format";

const BAND_CLASS: Record<string, string> = {
  significant: "bg-bad-bg text-bad",
  moderate: "bg-warn-bg",
  stable: "bg-ok-bg text-ok",
};

function Band({ band, psi }: { band: string | null; psi: number | null }) {
  if (!band) return <span className="text-ink-muted">no judged window</span>;
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${BAND_CLASS[band] ?? ""}`} data-band={band}>
      {band} · PSI {formatPsi(psi)}
    </span>
  );
}

/** The fleet's rows as CSV, worst first as the table lists them; lists within a cell are joined by "; ", and what the table says is missing is left empty. */
export function fleetCsv(rows: readonly FleetModelRow[]): CsvTable {
  return {
    header: [
      "model",
      "endpoint",
      "worst_feature",
      "worst_band",
      "worst_psi",
      "too_few_samples",
      "drifting_inputs",
      "prediction_band",
      "prediction_psi",
      "newest_version",
      "newest_top_decile_lift",
      "newest_outcomes",
      "previous_version",
      "previous_top_decile_lift",
      "stale_feature_tables",
    ],
    rows: rows.map((row) => [
      row.model,
      row.endpoint,
      row.worst?.feature ?? null,
      row.worst?.band ?? null,
      csvDecimal(row.worst?.psi),
      row.tooFew.join("; "),
      row.drifting.map((feature) => `${feature.feature} (${feature.band})`).join("; "),
      row.prediction?.band ?? null,
      // As the table: a prediction window without a band ("no judged window") shows no PSI either.
      row.prediction?.band ? csvDecimal(row.prediction.psi) : null,
      row.newest?.version ?? null,
      csvDecimal(row.newest?.topDecileLift),
      row.newest?.predictions ?? null,
      row.previous?.version ?? null,
      csvDecimal(row.previous?.topDecileLift),
      row.staleTables.join("; "),
    ]),
  };
}

/** Every monitored model × endpoint, worst first; each cell opens the model's page at what it says. */
export function FleetTable({ rows, range }: { rows: readonly FleetModelRow[]; range: string }) {
  if (rows.length === 0) return <p className="text-sm text-ink-muted">No model wrote drift windows in the last 24 hours. Models appear here once their drift job runs.</p>;
  return (
    <div className="space-y-1">
      <div role="region" aria-label="Monitored models, scrolls sideways" tabIndex={0} className="overflow-x-auto">
        <table id="monitoring-fleet" className="w-full text-sm" data-testid="monitoring-fleet">
          <caption className="pb-2 text-left text-ink-muted">Each served model and endpoint, worst first: drift over the last 24 hours, lift on matured outcomes, and the feature tables it reads.</caption>
          <thead>
            <tr className="border-b border-line text-left">
              <th scope="col" className="py-1 pr-3">Model</th>
              <th scope="col" className="py-1 pr-3">Endpoint</th>
              <th scope="col" className="py-1 pr-3">Worst drift now</th>
              <th scope="col" className="py-1 pr-3">Drifting inputs</th>
              <th scope="col" className="py-1 pr-3">Prediction drift</th>
              <th scope="col" className="py-1 pr-3">Top-decile lift</th>
              <th scope="col" className="py-1 pr-3">Stale feature tables</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const page = `/monitoring/${encodeURIComponent(row.model)}`;
              return (
                <tr key={`${row.model}/${row.endpoint}`} className="border-b border-line align-top" data-testid="fleet-row" data-model={row.model}>
                  <th scope="row" className="py-1 pr-3 text-left font-medium">
                    <a className="text-accent underline" href={`${page}?${range}`}>{row.model}</a>
                  </th>
                  <td className="py-1 pr-3 font-mono">{row.endpoint}</td>
                  <td className="py-1 pr-3" data-testid="fleet-worst">
                    {row.worst ? (
                      <a href={`${page}?${range}&feature=${encodeURIComponent(row.worst.feature)}`} className="space-x-1">
                        <span className="underline">{row.worst.feature}</span> <Band band={row.worst.band} psi={row.worst.psi} />
                      </a>
                    ) : (
                      <Band band={null} psi={null} />
                    )}
                    {row.tooFew.length > 0 && <span className="block text-xs text-ink-muted">Too few samples to judge: {row.tooFew.join(", ")}</span>}
                  </td>
                  <td className="py-1 pr-3">{row.drifting.length > 0 ? row.drifting.map((feature) => `${feature.feature} (${feature.band})`).join(", ") : "none"}</td>
                  <td className="py-1 pr-3">{row.prediction ? <Band band={row.prediction.band} psi={row.prediction.psi} /> : "—"}</td>
                  <td className="py-1 pr-3">
                    <a href={`${page}?${range}#outcomes`} className="underline">
                      {row.newest ? `v${row.newest.version} ${formatLift(row.newest.topDecileLift)} (${formatCount(row.newest.predictions)} outcomes)` : "no matured outcomes"}
                    </a>
                    {row.previous && (
                      <span className="block text-xs text-ink-muted">
                        v{row.previous.version} {formatLift(row.previous.topDecileLift)}
                      </span>
                    )}
                  </td>
                  <td className="py-1 pr-3">
                    {row.staleTables.length > 0 ? (
                      <a href={`${page}?${range}#data-health`} className="text-bad underline">
                        {row.staleTables.join(", ")}
                      </a>
                    ) : (
                      "none"
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <CsvDownload {...fleetCsv(rows)} filename={csvFilename("monitoring-fleet")} tableName="monitored models" />
    </div>
  );
}
