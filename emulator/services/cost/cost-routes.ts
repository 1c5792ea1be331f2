// Cost Management query on the ARM host: POST {scope}/providers/Microsoft.CostManagement/query,
// with nextLink paging (POST the same body to it) and query-unit throttling.
import { createHash } from "node:crypto";
import { json, jsonBody, type EmuRequest, type Router } from "../../http/router";
import type { EmulatorContext } from "../../context";
import type { CostLedger } from "../../scenario/cost-ledger";
import { DAY_MS } from "../../scenario/clock";
import { armError } from "../arm/arm-errors";
import { DIMENSIONS, queryDefinition, timeRange, unknownDimensions } from "./cost-query-definition";
import { evaluateCostQuery } from "./cost-query-evaluation";
import { throttledHeaders, type QueryUnitQuota } from "./query-unit-quota";

const PAGE_SIZE = 1000;
const SUPPORTED_API_VERSIONS = new Set(["2023-11-01", "2024-08-01", "2025-03-01", "2022-10-01", "2023-03-01"]);

function skipFrom(request: EmuRequest): number | undefined {
  const token = request.query.get("$skiptoken");
  if (token === null) return 0;
  try {
    const offset = (JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown }).offset;
    return typeof offset === "number" && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

export function addCostRoutes(router: Router, context: EmulatorContext, ledger: CostLedger, quota: QueryUnitQuota): void {
  const handler = (request: EmuRequest) => {
    const scope = request.path.replace(/\/providers\/Microsoft\.CostManagement\/query$/i, "").replace(/^\//, "");
    const { subscriptionId, resourceGroup } = context.identity;
    const knownScopes = [`subscriptions/${subscriptionId}`, `subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`].map((known) => known.toLowerCase());
    if (!knownScopes.includes(scope.toLowerCase())) {
      return armError(404, "NotFound", `The scope '${scope}' was not found or has no cost data in this tenant.`);
    }
    if (!SUPPORTED_API_VERSIONS.has(request.query.get("api-version") ?? "")) {
      return armError(400, "InvalidApiVersionParameter", `The api-version '${request.query.get("api-version")}' is invalid. The supported versions are '${[...SUPPORTED_API_VERSIONS].join(",")}'.`);
    }
    const parsed = queryDefinition.safeParse(jsonBody(request));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.join(".") || "(body)";
      const why = where.includes("filter")
        ? "each filter node needs exactly one of and (2 or more), or (2 or more), not, dimensions or tags, with operator In and at least one value"
        : issue.message;
      return armError(400, "BadRequest", `Invalid query definition at '${where}': ${why}.`);
    }
    const definition = parsed.data;
    const grouping = definition.dataset?.grouping ?? [];
    const badGroup = grouping.find((group) => group.type === "Dimension" && !DIMENSIONS[group.name]);
    const badDimensions = [...(badGroup ? [badGroup.name] : []), ...unknownDimensions(definition.dataset?.filter)];
    if (badDimensions.length > 0) {
      return armError(400, "BadRequest", `Invalid dimension name(s): ${badDimensions.join(", ")}. Allowed dimension names are ${Object.keys(DIMENSIONS).join(", ")}.`);
    }
    if (grouping.filter((group) => group.type === "TagKey").length > 1) {
      return armError(400, "BadRequest", "This emulator groups by at most one TagKey per query (the result columns TagKey and TagValue would repeat).");
    }
    if (Object.keys(definition.dataset?.aggregation ?? {}).length > 2) {
      return armError(400, "BadRequest", "Invalid dataset aggregation: at most 2 aggregations are allowed.");
    }
    const range = timeRange(definition, context.clock.now());
    if (typeof range === "string") return armError(400, "BadRequest", range);
    const skip = skipFrom(request);
    if (skip === undefined) return armError(400, "BadRequest", "The $skiptoken is malformed; use the nextLink exactly as returned.");

    // One month of queried data costs about one query unit.
    const units = Math.max(1, Math.ceil((range.to.getTime() - range.from.getTime() + DAY_MS) / (31 * DAY_MS)));
    const spent = quota.spend(units);
    if (!spent.allowed) {
      return armError(429, "429", "Too many requests. Please retry.", { ...spent.headers, ...throttledHeaders(spent.retryAfterSeconds) });
    }

    const table = evaluateCostQuery(definition, ledger.rowsBetween(range.from, range.to));
    const page = table.rows.slice(skip, skip + PAGE_SIZE);
    const nextOffset = skip + PAGE_SIZE;
    let nextLink: string | null = null;
    if (nextOffset < table.rows.length) {
      const url = new URL(`${context.urls.arm}${request.path}`);
      url.searchParams.set("api-version", request.query.get("api-version")!);
      url.searchParams.set("$skiptoken", Buffer.from(JSON.stringify({ offset: nextOffset })).toString("base64url"));
      nextLink = url.toString();
    }
    // Derived from the request, so the same query gives the same bytes (deterministic scenario).
    const digest = createHash("sha256").update(request.path).update(request.body).update(String(skip)).digest("hex");
    const id = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
    return json(
      200,
      {
        id: `${scope}/providers/Microsoft.CostManagement/query/${id}`,
        name: id,
        type: "Microsoft.CostManagement/query",
        location: null,
        sku: null,
        eTag: null,
        tags: null,
        properties: { nextLink, columns: table.columns, rows: page },
      },
      spent.headers,
    );
  };
  router.add("POST", "/subscriptions/:sub/providers/Microsoft.CostManagement/query", handler);
  router.add("POST", "/subscriptions/:sub/resourceGroups/:rg/providers/Microsoft.CostManagement/query", handler);
}
