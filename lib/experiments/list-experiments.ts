import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { nameContainsFilter, type SortOrder } from "@/lib/domain/run-filter";
import type { Services } from "@/lib/services/services";
import { freshnessOf, type Freshness } from "@/lib/sources/freshness";
import { cachedExperimentSearch, isRejectedRequest } from "@/lib/sources/mlflow/cached-reads";
import { experimentOrderBy, experimentOrderFrom } from "./experiment-order";
import { summarizeExperiment, type ExperimentSummary } from "./experiment-view";
import { clippedText, pageSizeSchema, pageTokenSchema, trailSchema } from "./list-input";
import type { PagePosition } from "./page-trail";

// URL input is forgiving: an odd value is cut or replaced by its default, never a failed page.
const inputSchema = z.object({
  q: clippedText(200),
  order: clippedText(200),
  size: pageSizeSchema,
  page: pageTokenSchema,
  trail: trailSchema,
});
export type ListExperimentsInput = z.input<typeof inputSchema>;

export interface ExperimentListView extends Freshness {
  experiments: ExperimentSummary[];
  q: string;
  order: SortOrder;
  /** Set when the URL's order was not one experiments can be sorted by (the default was used). */
  orderIgnored: string | null;
  size: number;
  position: PagePosition;
  nextPageToken: string | null;
  /** MLflow refused the search (say, a page token it no longer knows): its message. */
  queryError: string | null;
}

/** One page of experiments, searched by name, in the requested order. */
export async function listExperiments(ctx: RequestContext, rawInput: ListExperimentsInput, services: Pick<Services, "mlflow">): Promise<ExperimentListView> {
  requirePermission(ctx, "lineage:read");
  const input = inputSchema.parse(rawInput);
  const { order, ignored } = experimentOrderFrom(input.order);
  const orderBy = experimentOrderBy(order);
  const filter = nameContainsFilter(input.q);
  const position: PagePosition = { token: input.page || undefined, trail: input.page ? input.trail : [] };
  const base = { q: input.q ?? "", order, orderIgnored: ignored, size: input.size, position };
  try {
    const cached = await cachedExperimentSearch(services.mlflow, { filter, orderBy, maxResults: input.size, pageToken: position.token });
    return {
      ...base,
      ...freshnessOf([cached]),
      experiments: cached.value.experiments.map(summarizeExperiment),
      nextPageToken: cached.value.next_page_token ?? null,
      queryError: null,
    };
  } catch (error) {
    if (!isRejectedRequest(error)) throw error;
    return { ...base, ...freshnessOf([]), experiments: [], nextPageToken: null, queryError: error.message };
  }
}
