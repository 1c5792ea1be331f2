// The models page's query (search, tag, alias, page token, page size from the URL), the MLflow
// filter it becomes, and each registered model as a row. Pure: the page, the verb and the tests
// share it. Alias filtering happens here because MLflow search cannot filter by alias.
import { z } from "zod";
import type { MlflowRegisteredModel } from "@/lib/sources/mlflow/mlflow-schemas";
import { containsClause, equalsClause, joinClauses, tagField, TAG_KEY_PATTERN, type FilterClause } from "./mlflow-filter";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./model-page-size";

const MAX_TEXT = 200;
const ALIAS_PATTERN = /^[\w-]{1,255}$/;

export interface ModelListQuery {
  /** Part of the model name. */
  q?: string;
  tag?: { key: string; value: string };
  alias?: string;
  /** MLflow's opaque page token. */
  page?: string;
  size: number;
}

/** The same rules as a schema, for the verb to validate what it is given. */
export const modelListQuerySchema = z.object({
  q: z.string().min(1).max(MAX_TEXT).optional(),
  tag: z.object({ key: z.string().regex(TAG_KEY_PATTERN), value: z.string().max(MAX_TEXT) }).optional(),
  alias: z.string().regex(ALIAS_PATTERN).optional(),
  page: z.string().min(1).max(2000).optional(),
  size: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

type SearchParams = Record<string, string | string[] | undefined>;

function single(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text : undefined;
}

/** Reads the URL's query; a part that does not make sense is dropped with a sentence saying why. */
export function parseModelListQuery(params: SearchParams): { query: ModelListQuery; problems: string[] } {
  const problems: string[] = [];
  const query: ModelListQuery = { size: DEFAULT_PAGE_SIZE };

  const q = single(params, "q");
  if (q !== undefined) {
    if (q.length > MAX_TEXT) problems.push(`The search text is longer than ${MAX_TEXT} characters; it was ignored.`);
    else query.q = q;
  }

  const tag = single(params, "tag");
  if (tag !== undefined) {
    const separator = tag.indexOf("=");
    const key = separator > 0 ? tag.slice(0, separator).trim() : "";
    const value = separator > 0 ? tag.slice(separator + 1).trim() : "";
    if (!key || !TAG_KEY_PATTERN.test(key) || value.length > MAX_TEXT) {
      problems.push("The tag filter must read key=value, with a key of letters, digits, _ - . : / or spaces; it was ignored.");
    } else {
      query.tag = { key, value };
    }
  }

  const alias = single(params, "alias");
  if (alias !== undefined) {
    if (ALIAS_PATTERN.test(alias)) query.alias = alias;
    else problems.push("An alias has only letters, digits, _ and -; the alias filter was ignored.");
  }

  const page = single(params, "page");
  if (page !== undefined) {
    if (page.length <= 2000) query.page = page;
    else problems.push("The page link is not valid; showing the first page.");
  }

  const size = single(params, "size");
  if (size !== undefined) {
    const parsed = Number(size);
    if (Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_PAGE_SIZE) query.size = parsed;
    else problems.push(`The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}; showing ${DEFAULT_PAGE_SIZE} per page.`);
  }
  return { query, problems };
}

/** The filter sent to registered-models/search, or undefined for none. */
export function modelListFilter(query: Pick<ModelListQuery, "q" | "tag">): FilterClause | undefined {
  const clauses: FilterClause[] = [];
  if (query.q) clauses.push(containsClause("name", query.q));
  if (query.tag) clauses.push(equalsClause(tagField(query.tag.key), query.tag.value));
  return joinClauses(clauses);
}

/** The query as URL parameters, for links that keep the filters (page and size optional). */
export function modelListHref(query: Partial<ModelListQuery>, page?: string): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.tag) params.set("tag", `${query.tag.key}=${query.tag.value}`);
  if (query.alias) params.set("alias", query.alias);
  if (query.size && query.size !== DEFAULT_PAGE_SIZE) params.set("size", String(query.size));
  if (page) params.set("page", page);
  const text = params.toString();
  return text ? `/models?${text}` : "/models";
}

export interface ModelRow {
  name: string;
  champion: string | null;
  challenger: string | null;
  /** Every alias, for the alias filter and the table. */
  aliases: { alias: string; version: string }[];
  latestVersion: string | null;
  lastUpdated: number | null;
  owner: string | null;
  description: string | null;
}

function versionNumber(version: string): number {
  const parsed = Number(version);
  return Number.isFinite(parsed) ? parsed : -1;
}

export function toModelRow(model: MlflowRegisteredModel): ModelRow {
  const aliasVersion = (alias: string) => model.aliases.find((entry) => entry.alias === alias)?.version ?? null;
  // latest_versions holds the newest version per stage; the highest number is the latest overall.
  const latest = model.latest_versions.reduce<string | null>(
    (best, version) => (best === null || versionNumber(version.version) > versionNumber(best) ? version.version : best),
    null,
  );
  return {
    name: model.name,
    champion: aliasVersion("champion"),
    challenger: aliasVersion("challenger"),
    aliases: [...model.aliases].sort((a, b) => a.alias.localeCompare(b.alias)),
    latestVersion: latest,
    lastUpdated: model.last_updated_timestamp ?? null,
    owner: model.tags.find((tag) => tag.key === "owner")?.value || model.user_id || null,
    description: model.description ?? null,
  };
}

/**
 * Whether a fetched model really matches: the alias filter MLflow cannot apply, and the exact
 * name and tag checks behind a filter that could over-match.
 */
export function matchesQuery(model: MlflowRegisteredModel, query: Pick<ModelListQuery, "q" | "tag" | "alias">): boolean {
  // Servers differ on LIKE's case sensitivity (SQLite ignores case): accept what either would.
  if (query.q && !model.name.toLowerCase().includes(query.q.toLowerCase())) return false;
  if (query.tag && model.tags.find((tag) => tag.key === query.tag!.key)?.value !== query.tag.value) return false;
  if (query.alias && !model.aliases.some((entry) => entry.alias === query.alias)) return false;
  return true;
}
