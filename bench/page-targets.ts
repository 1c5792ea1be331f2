// Every page of a build, with real ids in its dynamic segments and a user who may open it: what the
// page bench (bench/pages.ts) and the fault matrix (testing/fault-matrix) both load.
//
// Routes come from the build (.next/server/app-paths-manifest.json). The ids: a model and version of
// the emulator's scenario, an experiment and run taken from the version page's own links, a
// promotion request, a running rollout and a draft created through the app's JSON routes by
// signed-in users (prepare).
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../scripts/lib/build.mjs";
import { postJson, signIn, type Endpoints } from "./app-session";

export const NEXT_DIR = path.join(ROOT, ".next");
// The scenario's model whose v7 passes every policy rule and is served by churn-endpoint's green.
const MODEL = "churn_xgb";
const VERSION = "7";
const ENDPOINT = "churn-endpoint";

export type UserKey = "ml-lead" | "ml-engineer" | "ml-lead-2" | "admin" | "no-role";

export interface Ids {
  model: string;
  version: string;
  experimentId: string;
  runId: string;
  requestId: string;
  rolloutId: string;
  draftRolloutId: string;
}

export interface Target {
  /** The route as the build names it, e.g. /models/[name]. */
  route: string;
  /** The route and the kind of entity it shows, when one route is loaded on two (e.g. a draft). */
  page: string;
  path: string | null;
  /** Why the route could not be loaded, when path is null. */
  skipped?: string;
  user: UserKey | null;
}

/** The build's id: changes when .next is rebuilt. */
export const buildId = () => readFileSync(path.join(NEXT_DIR, "BUILD_ID"), "utf8").trim();

/** Page routes of the build: the app-paths manifest's `…/page` entries, without Next's own (`/_…`). */
export function pageRoutes(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(NEXT_DIR, "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(manifest)
    .filter((key) => key.endsWith("/page") && !key.startsWith("/_"))
    .map((key) => key.slice(0, -"/page".length).replace(/\/\([^)]+\)/g, "") || "/")
    .sort();
}

/** Who opens a page: its permission decides (lib/auth/permissions.ts), nobody for the public sign-in pages. */
export function userFor(route: string): UserKey | null {
  if (route.startsWith("/auth/")) return null;
  if (route.startsWith("/admin/") || route === "/audit") return "admin";
  if (route === "/no-role") return "no-role";
  return "ml-lead";
}

/** The routes with their dynamic segments filled; one target per kind of entity a route shows. */
export function targets(routes: string[], ids: Ids): Target[] {
  // A dynamic segment's value, by the segment before it.
  const values: Record<string, string> = {
    "models/[name]": ids.model,
    "versions/[version]": ids.version,
    "experiments/[id]": ids.experimentId,
    "runs/[runId]": ids.runId,
    "approvals/[id]": ids.requestId,
    "rollouts/[id]": ids.rolloutId,
    "monitoring/[model]": ids.model,
  };
  const queries: Record<string, string> = { "/rollouts/new": `?request=${encodeURIComponent(ids.requestId)}` };
  return routes.flatMap((route): Target[] => {
    const segments = route.split("/");
    const missing = segments.find((segment, index) => segment.startsWith("[") && values[`${segments[index - 1]}/${segment}`] === undefined);
    if (missing) return [{ route, page: route, path: null, skipped: `no sample value for ${missing} (teach bench/page-targets.ts)`, user: userFor(route) }];
    const filled = segments.map((segment, index) => (segment.startsWith("[") ? encodeURIComponent(values[`${segments[index - 1]}/${segment}`]!) : segment)).join("/");
    const target = { route, page: route, path: `${filled || "/"}${queries[route] ?? ""}`, user: userFor(route) };
    if (route === "/rollouts/[id]") return [target, { ...target, page: `${route} (draft)`, path: filled.replace(ids.rolloutId, ids.draftRolloutId) }];
    return [target];
  });
}

/** Polls `read` each second until it returns a value. */
export async function settle<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Signs everyone in and creates, through the app's own routes, what the dynamic pages show. */
export async function prepare(url: string, endpoints: Endpoints) {
  const users = ["ml-engineer", "ml-lead", "ml-lead-2", "admin", "no-role"] as const;
  const sessions = Object.fromEntries(await Promise.all(users.map(async (key) => [key, await signIn(url, endpoints, key)] as const))) as Record<UserKey, string>;
  const { requestId } = await postJson(url, sessions["ml-engineer"], "/api/promotions", { model: MODEL, version: VERSION, rationale: "Bench: the pages every page route shows." });
  await postJson(url, sessions["ml-lead-2"], `/api/approvals/${String(requestId)}/decisions`, { outcome: "approve" });
  // The approval sets alias `challenger` in MLflow in the background: let it land before loading pages.
  await settle("applying the approval in MLflow", async () => {
    const status = (await (await fetch(`${url}/api/approvals/${String(requestId)}/status`, { headers: { cookie: sessions["ml-lead"] } })).json()) as { apply?: { status?: string } };
    return status.apply?.status && status.apply.status !== "pending" ? status.apply.status : undefined;
  });
  const plan = { promotionRequestId: requestId, endpoint: ENDPOINT, baselineDeployment: "blue", candidateDeployment: "green", templateName: "standard" };
  const draft = await postJson(url, sessions["ml-engineer"], "/api/rollouts", { ...plan, draft: true });
  // The standard template bakes 15 minutes: the rollout stays on its first step while pages are loaded.
  const running = await postJson(url, sessions["ml-lead"], "/api/rollouts", plan);
  await settle("the rollout's first step reaching the endpoint", async () => {
    const status = (await (await fetch(`${url}/api/rollouts/${String(running.rolloutId)}/status`, { headers: { cookie: sessions["ml-lead"] } })).json()) as { applyPending?: boolean };
    return status.applyPending === false ? true : undefined;
  });
  // An experiment and a run as the version page links them (its lineage: the source run and its experiment).
  // (Read again while it does not: on a busy machine a read of the lineage may miss its deadline.)
  let shown = "";
  const run = await settle("the version page linking its run", async () => {
    const response = await fetch(`${url}/models/${MODEL}/versions/${VERSION}`, { headers: { cookie: sessions["ml-lead"] } });
    const html = await response.text();
    shown = `${response.status}: ${[...html.matchAll(/<(?:h1|h2|p)[^>]*>([^<]{3,200})</g)].map((match) => match[1]).slice(0, 6).join(" / ")}`;
    return /href="\/experiments\/([^"/?#]+)\/runs\/([^"/?#]+)/.exec(html) ?? undefined;
  }, 30_000).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; it shows ${shown}`);
  });
  const ids: Ids = {
    model: MODEL,
    version: VERSION,
    experimentId: decodeURIComponent(run[1]!),
    runId: decodeURIComponent(run[2]!),
    requestId: String(requestId),
    rolloutId: String(running.rolloutId),
    draftRolloutId: String(draft.rolloutId),
  };
  return { sessions, ids };
}
