// The emulator's own control API (/_emulator/...): inject faults, switch the candidate between
// healthy and regressed, reset the scenario (and forget its saved state), read request counters.
// Never faulted.
import { z } from "zod";
import { json, jsonBody, Router } from "../../http/router";
import { UPSTREAMS, type Upstream } from "../../http/faults";
import type { ServiceDefinition } from "../../http/service-host";
import type { EmulatorContext } from "../../context";
import { STAGEGATE_USER_ROLES } from "../../scenario/users";
import type { EntraState } from "../entra/entra-service";

const faultRule = z
  .object({
    upstream: z.enum(UPSTREAMS),
    kind: z.enum(["latency", "error", "throttle", "hang"]),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    status: z.number().int().min(400).max(599).optional(),
    rate: z.number().min(0).max(1).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    count: z.number().int().min(1).optional(),
    match: z.string().min(1).optional(),
  })
  .strict();

const candidateSwitch = z
  .object({
    endpoint: z.string().default("churn-endpoint"),
    deployment: z.string().default("green"),
    behaviour: z.enum(["healthy", "regressed"]),
  })
  .strict();

const roleAssignment = z.object({ roles: z.array(z.enum(STAGEGATE_USER_ROLES)) }).strict();
const accountState = z.object({ enabled: z.boolean() }).strict();

function problem(status: number, message: string) {
  return json(status, { error: message });
}

/**
 * @param entra the directory whose users the /_emulator/users routes change, as an admin would in
 * Entra: app-role assignments, accountEnabled, revokeSignInSessions.
 */
const noDirectory = () => problem(404, "This emulator runs without Entra ID's directory.");

export function createControlService(context: EmulatorContext, describe: () => unknown, entra?: Pick<EntraState, "directory" | "grants">): ServiceDefinition {
  const router = new Router()
    // startedAt places the scenario's recent incidents (emulator/scenario/telemetry/recent-incidents.ts) for tests.
    .add("GET", "/_emulator/health", () =>
      json(200, { status: "ok", seed: context.options.seed, scale: context.options.scale, now: context.clock.now().toISOString(), startedAt: context.clock.startedAt.toISOString() }),
    )
    .add("GET", "/_emulator/endpoints", () => json(200, describe()))
    .add("GET", "/_emulator/faults", () => json(200, context.faults.list()))
    .add("POST", "/_emulator/faults", (request) => {
      const parsed = faultRule.safeParse(jsonBody(request));
      if (!parsed.success) return problem(400, `Invalid fault: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
      const { upstream, ...rule } = parsed.data;
      context.faults.add(upstream, rule);
      return json(201, context.faults.list());
    })
    .add("DELETE", "/_emulator/faults", (request) => {
      const upstream = request.query.get("upstream");
      if (upstream && !(UPSTREAMS as readonly string[]).includes(upstream)) return problem(400, `Unknown upstream '${upstream}'; use one of ${UPSTREAMS.join(", ")}.`);
      context.faults.clear((upstream as Upstream | null) ?? undefined);
      return json(200, context.faults.list());
    })
    .add("POST", "/_emulator/candidate", (request) => {
      const parsed = candidateSwitch.safeParse(jsonBody(request) ?? {});
      if (!parsed.success) return problem(400, `Invalid switch: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
      const { endpoint, deployment, behaviour } = parsed.data;
      if (!context.fleet.get(endpoint)?.spec.deployments.some((candidate) => candidate.name === deployment)) {
        return problem(404, `No deployment '${deployment}' on endpoint '${endpoint}'.`);
      }
      context.fleet.setBehaviour(endpoint, deployment, behaviour);
      return json(200, { endpoint, deployment, behaviour, since: context.clock.now().toISOString() });
    })
    .add("POST", "/_emulator/reset", () => {
      context.faults.clear();
      context.counters.reset();
      for (const reset of context.onReset) reset();
      context.state.clear();
      return json(200, { status: "reset" });
    })
    .add("GET", "/_emulator/users", () => (entra ? json(200, entra.directory.users.map(userState)) : noDirectory()))
    .add("POST", "/_emulator/users/:key/roles", (request) => {
      if (!entra) return noDirectory();
      const user = entra.directory.userByKey(request.params.key ?? "");
      if (!user) return problem(404, `No user '${request.params.key}'.`);
      const parsed = roleAssignment.safeParse(jsonBody(request) ?? {});
      if (!parsed.success) return problem(400, `Invalid roles: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
      return json(200, userState(entra.directory.assignRoles(user.oid, parsed.data.roles)!));
    })
    .add("POST", "/_emulator/users/:key/account", (request) => {
      if (!entra) return noDirectory();
      const user = entra.directory.userByKey(request.params.key ?? "");
      if (!user) return problem(404, `No user '${request.params.key}'.`);
      const parsed = accountState.safeParse(jsonBody(request) ?? {});
      if (!parsed.success) return problem(400, `Invalid account state: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
      entra.directory.setAccountEnabled(user.oid, parsed.data.enabled);
      return json(200, userState(user));
    })
    .add("POST", "/_emulator/users/:key/revoke-sessions", (request) => {
      if (!entra) return noDirectory();
      const user = entra.directory.userByKey(request.params.key ?? "");
      if (!user) return problem(404, `No user '${request.params.key}'.`);
      return json(200, { key: user.key, revokedRefreshTokens: entra.grants.revokeRefreshTokensOf(user.oid) });
    })
    .add("GET", "/_emulator/requests", () => json(200, context.counters.snapshot()))
    .add("DELETE", "/_emulator/requests", () => {
      context.counters.reset();
      return json(200, {});
    });
  function userState(user: { key: string; oid: string; roles: readonly string[] }) {
    return { key: user.key, oid: user.oid, roles: user.roles, accountEnabled: entra!.directory.isAccountEnabled(user.oid) };
  }
  return {
    name: "control",
    router,
    errors: { error: (status, message) => problem(status, message), throttled: () => problem(429, "throttled") },
  };
}
