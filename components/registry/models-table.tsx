import Link from "next/link";
import { ColumnHeadings } from "@/components/data/column-headings";
import type { ModelRow } from "@/lib/domain/model-list";
import { modelHref } from "@/lib/ui/mlflow-links";
import { formatUtc } from "@/lib/ui/format";
import { AliasBadge, VersionLink } from "./alias-badges";
import { MissingValue } from "./missing-value";

const COLUMNS = ["Name", "Champion", "Challenger", "Latest version", "Other aliases", "Last update", { label: "Owner", className: "py-2 font-medium" }];

export function ModelsTable({ rows }: { rows: ModelRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid="models-table">
        <caption className="sr-only">Registered models, by name, with the versions their aliases point at</caption>
        <ColumnHeadings columns={COLUMNS} />
        <tbody>
          {rows.map((row) => {
            const others = row.aliases.filter((entry) => entry.alias !== "champion" && entry.alias !== "challenger");
            return (
              <tr key={row.name} className="border-b border-line align-top" data-testid="model-row" data-model={row.name}>
                <th scope="row" className="py-2 pr-4 font-medium">
                  <Link href={modelHref(row.name)} className="text-accent underline">
                    {row.name}
                  </Link>
                </th>
                <td className="py-2 pr-4" data-testid="champion">
                  <VersionLink model={row.name} version={row.champion} label="champion" />
                </td>
                <td className="py-2 pr-4" data-testid="challenger">
                  <VersionLink model={row.name} version={row.challenger} label="challenger" />
                </td>
                <td className="py-2 pr-4" data-testid="latest-version">
                  <VersionLink model={row.name} version={row.latestVersion} label="latest" />
                </td>
                <td className="py-2 pr-4">
                  {others.length === 0 ? (
                    <MissingValue />
                  ) : (
                    <span className="flex flex-wrap gap-1">
                      {others.map((entry) => (
                        <span key={entry.alias}>
                          <AliasBadge alias={entry.alias} /> <VersionLink model={row.name} version={entry.version} label={entry.alias} />
                        </span>
                      ))}
                    </span>
                  )}
                </td>
                <td className="py-2 pr-4 whitespace-nowrap tabular-nums">{formatUtc(row.lastUpdated)}</td>
                <td className="py-2">{row.owner ?? <MissingValue meaning="unknown" />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
