// Every state of the experiments pages lives in the URL, so a link or a reload shows the same view.
// These build the links; the pages read the same names back from searchParams.
import { experimentHref } from "@/lib/ui/mlflow-links";
import type { PagePosition } from "./page-trail";

export type SearchParamsRecord = Record<string, string | string[] | undefined>;
type QueryValue = string | number | readonly string[] | undefined | null;

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

export function firstParam(params: SearchParamsRecord, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

export function allParams(params: SearchParamsRecord, name: string): string[] {
  const value = params[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The path with the non-empty values as its query; arrays become repeated keys. */
export function hrefWithQuery(path: string, query: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    for (const item of typeof value === "object" ? value : [value]) if (item !== "") search.append(name, String(item));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

function positionQuery(position: PagePosition | undefined): Record<string, QueryValue> {
  return position ? { page: position.token, trail: position.trail } : {};
}

export interface ExperimentsQuery {
  q?: string;
  order?: string;
  size?: number;
}

export function experimentsHref(query: ExperimentsQuery, position?: PagePosition): string {
  const size = query.size === DEFAULT_PAGE_SIZE ? undefined : query.size;
  return hrefWithQuery("/experiments", { q: query.q, order: query.order, size, ...positionQuery(position) });
}

export interface RunsQuery {
  filter?: string;
  order?: string;
  /** Column ids (`metrics.auc`), only when the user picked them. */
  columns?: readonly string[];
  size?: number;
}

export function runsHref(experimentId: string, query: RunsQuery, position?: PagePosition): string {
  const size = query.size === DEFAULT_PAGE_SIZE ? undefined : query.size;
  return hrefWithQuery(experimentHref(experimentId), {
    filter: query.filter,
    order: query.order,
    columns: query.columns?.length ? query.columns.join(",") : undefined,
    size,
    ...positionQuery(position),
  });
}

/** The page size from the URL when it is one of the offered sizes, else the default. */
export function pageSizeFrom(text: string | undefined): number {
  const size = Number(text);
  return (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
}

/** The paging part of a list page's URL: page size, the page's token and the tokens of the pages passed. */
export function pagingParams(params: SearchParamsRecord): { size: number; page: string | undefined; trail: string[] } {
  return { size: pageSizeFrom(firstParam(params, "size")), page: firstParam(params, "page"), trail: allParams(params, "trail") };
}

/** Where sign-in returns to: the page with its query, or just the page when the query is too long to carry. */
export function returnPath(path: string, params: SearchParamsRecord): string {
  const full = hrefWithQuery(path, params);
  return full.length <= 500 ? full : path;
}
