import "server-only";
import type { RequestContext } from "@/lib/auth/request-context";
import { requirePermission } from "@/lib/auth/permissions";
import { matchesQuery, modelListFilter, modelListQuerySchema, toModelRow, type ModelListQuery, type ModelRow } from "@/lib/domain/model-list";
import { invalidInput } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { freshnessOf, type Freshness } from "@/lib/sources/freshness";
import { cachedModelList, isRejectedRequest } from "@/lib/sources/mlflow/cached-reads";

export interface ModelListPage extends Freshness {
  rows: ModelRow[];
  /** Token of the next page, when MLflow has more. */
  nextPageToken: string | null;
  isFirstPage: boolean;
  /** The filter sent to MLflow, shown so people can reuse it elsewhere. */
  filterText: string | null;
  /** Models MLflow returned on this page that the alias filter (applied here) left out. */
  hiddenByAlias: number;
  /** Set when MLflow refused the request itself (a stale page link, a filter it does not support). */
  problem: string | null;
}

/**
 * One page of registered models: exactly one registered-models/search call (none when cached),
 * whatever the page size; each row comes from the model's own aliases and latest versions.
 */
export async function listModels(ctx: RequestContext, input: ModelListQuery, services: Pick<Services, "mlflow">): Promise<ModelListPage> {
  requirePermission(ctx, "registry:read");
  const parsed = modelListQuerySchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const query = parsed.data;
  const filter = modelListFilter(query);
  const base = { isFirstPage: !query.page, filterText: filter?.text ?? null };
  let read;
  try {
    read = await cachedModelList(services.mlflow, filter?.text, query.page, query.size);
  } catch (error) {
    // A refused request is about this request (an expired page token, a filter the server does not
    // support), not an outage: say so on the page instead of the "MLflow is not answering" panel.
    if (isRejectedRequest(error)) {
      const problem = query.page
        ? "This page link is no longer valid (MLflow page tokens expire when the registry changes). Start again from the first page."
        : `MLflow refused this search: ${error.message}`;
      return { ...base, ...freshnessOf([]), rows: [], nextPageToken: null, hiddenByAlias: 0, problem };
    }
    throw error;
  }
  const models = read.value.registered_models;
  // The name and tag filters may over-match when the text could not be quoted exactly; alias
  // filtering is only possible here, on the fetched page.
  const withoutAlias = models.filter((model) => matchesQuery(model, { q: query.q, tag: query.tag }));
  const matching = withoutAlias.filter((model) => matchesQuery(model, query));
  return {
    ...base,
    ...freshnessOf([read]),
    rows: matching.map(toModelRow),
    nextPageToken: read.value.next_page_token ?? null,
    hiddenByAlias: withoutAlias.length - matching.length,
    problem: null,
  };
}
