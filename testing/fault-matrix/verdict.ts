// What a page showed while an upstream failed, read from its HTML, and whether that passes: never a
// 5xx or an error page; when the failing upstream was called, the last good data with its age or a
// "not answering" panel quoting the request id; when it was not, the page as it is when healthy.

export type Shown =
  | "error page"
  | "not answering, request id"
  | "not answering, NO request id"
  | "last good data, age"
  | "status: unreachable"
  | "upstream error as bare text"
  | "data, as of"
  | "page";

export interface Load {
  status: number;
  html: string;
  requestId: string | null;
  ms: number;
}

// app/error.tsx, app/global-error.tsx and Next's own error pages.
const ERROR_PAGE = /This page could not be shown|Stagegate could not start this page|Internal Server Error|Application error: a (server|client)-side exception/;
// components/feedback's panels (upstream-unavailable) and the sections' own notices (deployments-unavailable, …).
const PANEL = /data-testid="[a-z-]*unavailable"/;
// components/feedback/as-of.tsx and the sections that say so in their own words.
const STALE = /data-testid="stale-data"|its last answer|not answering: /;
const AS_OF = /data-testid="as-of"/;
// The clients' error messages (lib/sources/*-client.ts), shown by a section outside any panel.
const ERROR_TEXT = /did not answer within|refused [^<]{0,120} with \d{3}|could not be reached|could not get a token|Injected fault/;
// /status: each dependency checked just now, one marked Unreachable (components/status/readiness-table.tsx).
const UNREACHABLE = /data-testid="readiness-table"[\s\S]*>Unreachable</;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// A server error inside a Suspense boundary streams a numeric digest; the browser then shows app/error.tsx.
// (Redirects and not-found use named digests, which are not errors.)
const STREAMED_ERROR = /data-dgst="\d+"/;
// Next inlines the React Server Components payload in scripts: text there is data the browser may
// never show, so only the rendered markup counts.
const SCRIPTS = /<script\b[\s\S]*?<\/script>/gi;

export function shown(load: Load): Shown {
  if (ERROR_PAGE.test(load.html)) return "error page";
  const html = load.html.replace(SCRIPTS, "");
  if (STREAMED_ERROR.test(html)) return "error page";
  if (PANEL.test(html)) {
    // The panels show the id in monospace (components/feedback/problem-panel.tsx, upstream-problem-panel.tsx).
    const quoted = load.requestId !== null && new RegExp(`font-mono"[^>]*>${escape(load.requestId)}<`).test(html);
    if (!quoted) return "not answering, NO request id";
  }
  if (STALE.test(html)) return "last good data, age";
  if (PANEL.test(html)) return "not answering, request id";
  if (UNREACHABLE.test(html)) return "status: unreachable";
  if (ERROR_TEXT.test(html)) return "upstream error as bare text";
  return AS_OF.test(html) ? "data, as of" : "page";
}

export interface Verdict {
  ok: boolean;
  shown: Shown;
  why?: string;
}

/**
 * `called`: requests the failing upstream received during the load (0: the page does not use it, or
 * not on this path). `healthy`: the same page loaded just before, with every upstream answering.
 */
export function judge(load: Load, healthy: Load, called: number, boundMs: number): Verdict {
  const what = shown(load);
  const fail = (why: string): Verdict => ({ ok: false, shown: what, why });
  if (healthy.status >= 500 || shown(healthy) === "error page") return fail(`broken with every upstream answering (${healthy.status})`);
  if (load.status >= 500) return fail(`answered ${load.status}`);
  if (what === "error page") return fail("showed the error page");
  if (load.ms > boundMs) return fail(`took ${Math.round(load.ms)} ms, more than ${boundMs} ms`);
  if (what === "not answering, NO request id") return fail("a 'not answering' panel without the request id");
  if (what === "upstream error as bare text") return fail("the upstream's error as bare text: no panel, no request id");
  if (called === 0) {
    return load.status === healthy.status ? { ok: true, shown: what } : fail(`answered ${load.status}, ${healthy.status} when healthy, though the failing upstream was not called`);
  }
  // A page showing no upstream data (its calls incidental, e.g. the overview's readiness count) has nothing to lose.
  if (what === "page" && shown(healthy) === "page") return { ok: true, shown: what };
  if (what === "page" || what === "data, as of") return fail("the failing upstream was called, but the page shows neither its last good data with its age nor a 'not answering' panel");
  return { ok: true, shown: what };
}
