// MLflow pages forward only, with opaque tokens. To offer "Previous", the URL carries the tokens
// of the pages already passed (the trail); the first page has no token. The trail is capped so a
// long walk does not outgrow URL limits: past the cap, "Previous" still works for recent pages.

export const TRAIL_LIMIT = 40;

export interface PagePosition {
  /** The current page's token; undefined on the first page. */
  token?: string;
  /** Tokens of the pages between the first and the current one, oldest first. */
  trail: string[];
}

export const FIRST_PAGE: PagePosition = { trail: [] };

export function nextPosition(current: PagePosition, nextToken: string): PagePosition {
  const trail = current.token ? [...current.trail, current.token].slice(-TRAIL_LIMIT) : [];
  return { token: nextToken, trail };
}

/** The page before, or null on the first page. */
export function previousPosition(current: PagePosition): PagePosition | null {
  if (!current.token) return null;
  const trail = [...current.trail];
  const token = trail.pop();
  return token ? { token, trail } : FIRST_PAGE;
}

/** 1 for the first page; null once the trail was capped and the number is no longer known. */
export function pageNumber(current: PagePosition): number | null {
  if (!current.token) return 1;
  return current.trail.length < TRAIL_LIMIT ? current.trail.length + 2 : null;
}

/** The pager's links for a page in a walk through token pages, and where the page sits. */
export interface TrailPagerLinks {
  firstHref: string | null;
  previousHref: string | null;
  nextHref: string | null;
  position: string;
}

/** First (when the previous page is not the first), previous, next, and "Page 2 (26–50)". */
export function trailPagerLinks(current: PagePosition, nextPageToken: string | null, hrefFor: (position: PagePosition) => string, count: number, size: number): TrailPagerLinks {
  const previous = previousPosition(current);
  const number = pageNumber(current);
  const from = number !== null ? (number - 1) * size + 1 : null;
  return {
    firstHref: previous?.token ? hrefFor(FIRST_PAGE) : null,
    previousHref: previous ? hrefFor(previous) : null,
    nextHref: nextPageToken ? hrefFor(nextPosition(current, nextPageToken)) : null,
    position: `${number !== null ? `Page ${number}` : "A later page"}${from !== null && count > 0 ? ` (${from}–${from + count - 1})` : ""}`,
  };
}
