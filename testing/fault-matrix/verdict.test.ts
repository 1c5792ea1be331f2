import { describe, expect, it } from "vitest";
import { judge, shown, type Load } from "./verdict";

const load = (html: string, status = 200, ms = 100): Load => ({ status, html, requestId: "req-1", ms });
const healthy = load('<p data-testid="as-of">From MLflow, as of <time dateTime="x">x</time>.</p>');
const panel = '<section role="alert"><h1>MLflow is not answering</h1><p data-testid="upstream-unavailable">down</p><dd class="font-mono" data-testid="request-id">req-1</dd></section>';

describe("fault matrix verdict", () => {
  it("reads what the page showed", () => {
    expect(shown(load(panel))).toBe("not answering, request id");
    expect(shown(load(panel.replace("req-1", "other")))).toBe("not answering, NO request id");
    expect(shown(load('<div data-testid="stale-data">MLflow is not answering: showing the last good data</div>'))).toBe("last good data, age");
    expect(shown(healthy)).toBe("data, as of");
    expect(shown(load("<h1>This page could not be shown</h1>"))).toBe("error page");
    expect(shown(load("<h1>Audit</h1>"))).toBe("page");
    expect(shown(load('<dd><span class="text-bad">Azure Resource Manager did not answer within 2000 ms to read churn-endpoint.</span></dd>'))).toBe("upstream error as bare text");
    // Text only in the inlined React payload is not on screen; a streamed server error is the error page.
    expect(shown(load(`<h1>Rollout</h1><script>self.__next_f.push([1,"data-testid=\\"stale-data\\" its last answer"])</script>`))).toBe("page");
    expect(shown(load('<template data-dgst="1830392013"></template>'))).toBe("error page");
    expect(shown(load('<template data-dgst="NEXT_HTTP_ERROR_FALLBACK;404"></template><h1>Not found</h1>'))).toBe("page");
    expect(shown(load('<table data-testid="readiness-table"><tr><td><span class="x">Unreachable</span></td></tr></table>'))).toBe("status: unreachable");
  });

  it("passes a degraded page and fails a 5xx, an error page, a slow answer or a panel without the request id", () => {
    expect(judge(load(panel), healthy, 3, 6000)).toEqual({ ok: true, shown: "not answering, request id" });
    expect(judge(load(panel, 503), healthy, 3, 6000).ok).toBe(false);
    expect(judge(load("<h1>This page could not be shown</h1>"), healthy, 3, 6000).ok).toBe(false);
    expect(judge(load(panel, 200, 7000), healthy, 3, 6000).why).toMatch(/took 7000 ms/);
    expect(judge(load(panel.replace("req-1", "x")), healthy, 3, 6000).why).toMatch(/without the request id/);
  });

  it("a called upstream must show: fresh-looking data fails; an upstream not called leaves the page as it was", () => {
    expect(judge(healthy, healthy, 2, 6000).ok).toBe(false);
    expect(judge(load("<h1>Overview</h1>"), load("<h1>Overview</h1>"), 1, 6000).ok).toBe(true);
    expect(judge(load("<p>ARM did not answer within 2000 ms.</p>"), load("<h1>Rollout</h1>"), 1, 6000).why).toMatch(/bare text/);
    expect(judge(load("<h1>Audit</h1>"), load("<h1>Audit</h1>"), 0, 6000).ok).toBe(true);
    expect(judge(load("<h1>Audit</h1>", 404), load("<h1>Audit</h1>"), 0, 6000).ok).toBe(false);
  });
});
