// Evaluates a Cost Management query over the ledger: filter, then sum by time bucket and
// grouping keys, as the service does server-side.
import type { CostRow } from "../../scenario/cost-ledger";
import { DIMENSIONS, matchesFilter, type QueryDefinition } from "./cost-query-definition";

export interface QueryResultTable {
  columns: { name: string; type: "Number" | "String" | "Datetime" }[];
  rows: (string | number)[][];
}

function usageDate(date: Date): number {
  return date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

function billingMonth(date: Date): string {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)).toISOString().replace(".000Z", "");
}

export function evaluateCostQuery(definition: QueryDefinition, rows: CostRow[]): QueryResultTable {
  const dataset = definition.dataset ?? {};
  const granularity = dataset.granularity ?? "None";
  const aggregations = Object.values(dataset.aggregation ?? { totalCost: { name: "Cost" as const, function: "Sum" as const } });
  const grouping = dataset.grouping ?? [];
  const amortized = definition.type === "AmortizedCost";

  const groupColumns = grouping.flatMap((group) =>
    group.type === "TagKey" ? [{ name: "TagKey", type: "String" as const }, { name: "TagValue", type: "String" as const }] : [{ name: group.name, type: "String" as const }],
  );
  const dateColumn =
    granularity === "Daily" ? [{ name: "UsageDate", type: "Number" as const }] : granularity === "Monthly" ? [{ name: "BillingMonth", type: "Datetime" as const }] : [];
  const columns = [
    ...aggregations.map((aggregation) => ({ name: aggregation.name, type: "Number" as const })),
    ...groupColumns,
    ...dateColumn,
    { name: "Currency", type: "String" as const },
  ];

  const sums = new Map<string, { keys: (string | number)[]; cost: number }>();
  for (const row of rows) {
    if (!matchesFilter(row, dataset.filter)) continue;
    const keys: (string | number)[] = grouping.flatMap((group) =>
      group.type === "TagKey" ? [group.name, row.tags[group.name] ?? ""] : [DIMENSIONS[group.name]!(row)],
    );
    if (granularity === "Daily") keys.push(usageDate(row.date));
    if (granularity === "Monthly") keys.push(billingMonth(row.date));
    const key = JSON.stringify(keys);
    const entry = sums.get(key) ?? { keys, cost: 0 };
    entry.cost += amortized ? row.amortizedCost : row.actualCost;
    sums.set(key, entry);
  }

  const resultRows = [...sums.values()]
    .sort((a, b) => JSON.stringify(a.keys.slice(-1).concat(a.keys)).localeCompare(JSON.stringify(b.keys.slice(-1).concat(b.keys))))
    .map(({ keys, cost }) => [...aggregations.map(() => Math.round(cost * 1e6) / 1e6), ...keys, "USD"]);
  return { columns, rows: resultRows };
}
