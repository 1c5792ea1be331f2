// Page tokens and page sizes. Tokens use the OSS SQL store's scheme: base64 of the JSON Python
// writes for {"offset": N}. A token that does not decode to a positive offset is a 400.
import { invalidParameter } from "./errors";
import type { RequestFields } from "./request-fields";

export interface PageLimits {
  readonly defaultSize: number;
  readonly maxSize: number;
}

/** Limits from the proto and the OSS handlers (wire reference §1.7). */
export const PAGE_LIMITS = {
  runs: { defaultSize: 1000, maxSize: 50_000 },
  experiments: { defaultSize: 1000, maxSize: 50_000 },
  registeredModels: { defaultSize: 100, maxSize: 1000 },
  modelVersions: { defaultSize: 200_000, maxSize: 200_000 },
  metricHistory: { defaultSize: Number.POSITIVE_INFINITY, maxSize: Number.POSITIVE_INFINITY },
} as const satisfies Record<string, PageLimits>;

export interface Page<T> {
  readonly items: T[];
  readonly nextPageToken?: string;
}

export function encodePageToken(offset: number): string {
  return Buffer.from(`{"offset": ${offset}}`, "utf8").toString("base64");
}

function decodePageToken(token: string | undefined): number {
  if (token === undefined) return 0;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0) throw invalidParameter("Invalid page token, could not base64-decode");
  const decoded = Buffer.from(token, "base64").toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch {
    throw invalidParameter(`Invalid page token, decoded value=${decoded}`);
  }
  const offset = parsed !== null && typeof parsed === "object" ? (parsed as { offset?: unknown }).offset : undefined;
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset <= 0) throw invalidParameter(`Invalid page token, parsed value=${decoded}`);
  return offset;
}

function pageSize(fields: RequestFields, limits: PageLimits): number {
  const requested = fields.optionalInteger("max_results");
  if (requested === undefined) return limits.defaultSize;
  if (requested < 1) throw invalidParameter(`Invalid value ${requested} for parameter 'max_results' supplied. It must be a positive integer.`);
  if (requested > limits.maxSize) {
    throw invalidParameter(`Invalid value for request parameter max_results. It must be at most ${limits.maxSize}, but got value ${requested}`);
  }
  return requested;
}

export interface PageRequest {
  readonly offset: number;
  readonly size: number;
}

/** Where the requested page starts and how long it is, from page_token and max_results. */
export function pageRequest(fields: RequestFields, limits: PageLimits): PageRequest {
  const size = pageSize(fields, limits);
  return { offset: decodePageToken(fields.optionalString("page_token")), size };
}

/** The requested page of `items`, with the next page's token when more remain. */
export function pageOf<T>(items: readonly T[], request: PageRequest): Page<T> {
  const end = request.offset + request.size;
  return { items: items.slice(request.offset, end), nextPageToken: end < items.length ? encodePageToken(end) : undefined };
}

export function paginate<T>(items: readonly T[], fields: RequestFields, limits: PageLimits): Page<T> {
  return pageOf(items, pageRequest(fields, limits));
}
