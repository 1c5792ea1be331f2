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
