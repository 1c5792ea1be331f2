// Every page and route handler under app/, requested without a valid session: pages send the
// browser to sign-in, APIs answer 401 JSON. Only the routes listed as public may answer otherwise.
// A bogus session cookie gets past the proxy's cheap cookie check, so the page or handler itself
// must refuse: the proxy is not the boundary. A new unprotected route fails this test.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const APP = path.resolve(import.meta.dirname, "..", "app");

const PUBLIC = new Set([
  "GET /api/healthz",
  "GET /api/readyz",
  "GET /auth/sign-in",
  "GET /auth/callback",
  "GET /auth/error",
  "GET /auth/signed-out",
  "POST /auth/sign-out",
]);

interface Route {
  method: string;
  path: string;
  kind: "page" | "api";
}

function routes(dir: string, segments: string[] = []): Route[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      // Route groups do not appear in the URL; dynamic segments get a sample value.
      const segment = entry.name.startsWith("(") ? [] : [entry.name.startsWith("[") ? "sample" : entry.name];
      return routes(path.join(dir, entry.name), [...segments, ...segment]);
    }
    const url = `/${segments.join("/")}`;
    if (entry.name === "page.tsx") return [{ method: "GET", path: url, kind: "page" as const }];
    if (entry.name === "route.ts") {
      const source = readFileSync(path.join(dir, entry.name), "utf8");
      // `export async function GET` or `export const GET = sessionRoute(…)`.
      const methods = [...source.matchAll(/export (?:(?:async )?function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]!);
      return methods.map((method) => ({ method, path: url, kind: url.startsWith("/api/") ? ("api" as const) : ("page" as const) }));
    }
    return [];
  });
}

const ALL = routes(APP);
const PROTECTED = ALL.filter((route) => !PUBLIC.has(`${route.method} ${route.path}`));

test("the route list is found, matches the build's manifest, and every public route still exists", () => {
  expect(PROTECTED.length).toBeGreaterThan(0);
  for (const name of PUBLIC) expect(ALL.map((route) => `${route.method} ${route.path}`)).toContain(name);
  // The build knows every route, however it is written: none may escape the scan above.
  const manifest = JSON.parse(readFileSync(path.resolve(APP, "..", ".next", "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  const built = Object.keys(manifest)
    .filter((key) => /\/(page|route)$/.test(key) && !key.startsWith("/_") && !key.includes("/_not-found") && !/\.(svg|ico|png)\//.test(key))
    .map((key) => key.replace(/\/(page|route)$/, "") || "/")
    .map((route) => route.replace(/\/\([^)]+\)/g, "").replace(/\[[^\]]+\]/g, "sample") || "/");
  const scanned = new Set(ALL.map((route) => route.path));
  expect(built.filter((route) => !scanned.has(route))).toEqual([]);
});

for (const route of PROTECTED) {
  for (const variant of ["no cookie", "bogus session cookie", "forged x-middleware-subrequest"] as const) {
    test(`${route.method} ${route.path} refuses an anonymous request (${variant})`, async ({ request }) => {
      const headers: Record<string, string> = {};
      if (variant === "bogus session cookie") headers.cookie = "stagegate_session=bogus-session-token-that-does-not-exist-000000";
      if (variant === "forged x-middleware-subrequest") headers["x-middleware-subrequest"] = "proxy:proxy:proxy:proxy:proxy:middleware:middleware";
      // A write from the app's own origin, so the route itself (not the proxy's origin check) must refuse it.
      if (route.method !== "GET") headers.origin = new URL(process.env.STAGEGATE_E2E_BASE_URL!).origin;
      const response = await request.fetch(route.path, { method: route.method, headers, maxRedirects: 0 });
      // The proxy ran (a forged x-middleware-subrequest did not skip it): its headers are there.
      expect(response.headers()["x-request-id"]).toBeTruthy();
      expect(response.headers()["content-security-policy"]).toContain("'strict-dynamic'");
      if (route.kind === "page" && response.status() === 200) {
        // The page itself redirected after the streamed shell went out: Next.js then sends the
        // redirect in the document (meta refresh), with none of the page's content.
        expect(await response.text()).toMatch(/http-equiv="refresh" content="\d+;url=\/auth\/sign-in\?returnTo=/);
      } else if (route.kind === "page") {
        expect([303, 307, 308]).toContain(response.status());
        expect(response.headers().location).toMatch(/\/auth\/sign-in\?returnTo=/);
      } else {
        expect(response.status()).toBe(401);
        expect(await response.json()).toMatchObject({ error: "unauthorized" });
      }
    });
  }
}
