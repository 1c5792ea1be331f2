// The Cost Management query body (QueryDefinition, api 2024-08-01) and what each part means for
// the ledger: time range, filter predicate, grouping keys.
import { z } from "zod";
import { DAY_MS } from "../../scenario/clock";
import type { CostRow } from "../../scenario/cost-ledger";

const comparison = z.object({ name: z.string().min(1), operator: z.literal("In"), values: z.array(z.string()).min(1) });

export type QueryFilter =
  | { and: QueryFilter[] }
  | { or: QueryFilter[] }
  | { not: QueryFilter }
  | { dimensions: z.infer<typeof comparison> }
  | { tags: z.infer<typeof comparison> };

const filter: z.ZodType<QueryFilter> = z.lazy(() =>
  z.union([
    z.object({ and: z.array(filter).min(2) }).strict(),
    z.object({ or: z.array(filter).min(2) }).strict(),
    z.object({ not: filter }).strict(),
    z.object({ dimensions: comparison }).strict(),
    z.object({ tags: comparison }).strict(),
  ]),
);

export const DIMENSIONS: Record<string, (row: CostRow) => string> = {
  ResourceId: (row) => row.resourceId.toLowerCase(),
  ResourceGroupName: (row) => row.resourceGroupName,
  ResourceGroup: (row) => row.resourceGroupName,
  ResourceType: (row) => row.resourceType,
  ResourceLocation: (row) => row.resourceLocation,
  ServiceName: (row) => row.serviceName,
  MeterCategory: (row) => row.meterCategory,
  MeterSubcategory: (row) => row.meterSubcategory,
  Meter: (row) => row.meter,
  ChargeType: (row) => row.chargeType,
  PricingModel: (row) => row.pricingModel,
  SubscriptionId: (row) => row.subscriptionId,
};

export const queryDefinition = z.object({
  type: z.enum(["Usage", "ActualCost", "AmortizedCost"]),
  timeframe: z.enum(["MonthToDate", "BillingMonthToDate", "TheLastMonth", "TheLastBillingMonth", "WeekToDate", "Custom"]),
  timePeriod: z.object({ from: z.string(), to: z.string() }).optional(),
  dataset: z
    .object({
      granularity: z.enum(["Daily", "Monthly", "None"]).optional(),
      aggregation: z
        .record(z.string(), z.object({ name: z.enum(["Cost", "CostUSD", "PreTaxCost", "PreTaxCostUSD"]), function: z.literal("Sum") }))
        .optional(),
      grouping: z.array(z.object({ type: z.enum(["Dimension", "TagKey"]), name: z.string().min(1) })).max(2).optional(),
      filter: filter.optional(),
    })
    .optional(),
});

export type QueryDefinition = z.infer<typeof queryDefinition>;

/** The inclusive UTC day range a timeframe covers, as of `now`. */
export function timeRange(definition: QueryDefinition, now: Date): { from: Date; to: Date } | string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  switch (definition.timeframe) {
    case "MonthToDate":
    case "BillingMonthToDate":
      return { from: new Date(monthStart), to: new Date(today) };
    case "TheLastMonth":
    case "TheLastBillingMonth":
      return { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)), to: new Date(monthStart - DAY_MS) };
    case "WeekToDate":
      return { from: new Date(today - ((now.getUTCDay() + 6) % 7) * DAY_MS), to: new Date(today) };
    case "Custom": {
      if (!definition.timePeriod) return "timePeriod is required when timeframe is Custom.";
      const from = new Date(definition.timePeriod.from);
      const to = new Date(definition.timePeriod.to);
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return "timePeriod.from and timePeriod.to must be date-times.";
      if (from > to) return "Invalid query time period: from must not be after to.";
      if (to.getTime() - from.getTime() > 366 * DAY_MS) return "Invalid query time period: the range must not exceed one year.";
      return { from, to };
    }
  }
}

/** Whether a cost row passes the filter. */
export function matchesFilter(row: CostRow, node: QueryFilter | undefined): boolean {
  if (!node) return true;
  if ("and" in node) return node.and.every((child) => matchesFilter(row, child));
  if ("or" in node) return node.or.some((child) => matchesFilter(row, child));
  if ("not" in node) return !matchesFilter(row, node.not);
  if ("dimensions" in node) {
    const read = DIMENSIONS[node.dimensions.name]!;
    const wanted = node.dimensions.values.map((value) => value.toLowerCase());
    return wanted.includes(read(row).toLowerCase());
  }
  return node.tags.values.includes(row.tags[node.tags.name] ?? "");
}

/** Every dimension name the filter uses that Cost Management does not know. */
export function unknownDimensions(node: QueryFilter | undefined): string[] {
  if (!node) return [];
  if ("and" in node) return node.and.flatMap(unknownDimensions);
  if ("or" in node) return node.or.flatMap(unknownDimensions);
  if ("not" in node) return unknownDimensions(node.not);
  if ("dimensions" in node) return DIMENSIONS[node.dimensions.name] ? [] : [node.dimensions.name];
  return [];
}
