// Faults injected through the control API, per upstream: added latency, error statuses (all or a
// rate of requests), 429 with Retry-After, or a hang. A rule with `count` applies that many times.
import { SeededRandom } from "../scenario/random";

export type FaultKind = "latency" | "error" | "throttle" | "hang";

export interface FaultRule {
  kind: FaultKind;
  latencyMs?: number;
  status?: number;
  /** Fraction of matching requests affected (default 1). */
  rate?: number;
  retryAfterSeconds?: number;
  /** Apply to this many matching requests, then drop the rule. */
  count?: number;
  /** Only requests whose method+path contains this text (e.g. "PUT" or "/registered-models/alias"). */
  match?: string;
}

export type FaultDecision =
  | { kind: "pass"; delayMs: number }
  | { kind: "error"; delayMs: number; status: number }
  | { kind: "throttle"; delayMs: number; retryAfterSeconds: number }
  | { kind: "hang" };

export const UPSTREAMS = ["entra", "mlflow", "logs", "metrics", "arm", "cost"] as const;
export type Upstream = (typeof UPSTREAMS)[number];

export class FaultRegistry {
  private rules = new Map<Upstream, (FaultRule & { remaining?: number })[]>();
  private random: SeededRandom;

  constructor(private readonly seed: string) {
    this.random = new SeededRandom(seed, "faults");
  }

  add(upstream: Upstream, rule: FaultRule): void {
    const list = this.rules.get(upstream) ?? [];
    list.push({ ...rule, remaining: rule.count });
    this.rules.set(upstream, list);
  }

  clear(upstream?: Upstream): void {
    if (upstream) this.rules.delete(upstream);
    else this.rules.clear();
    this.random = new SeededRandom(this.seed, "faults");
  }

  list(): Record<string, FaultRule[]> {
    return Object.fromEntries([...this.rules].map(([upstream, rules]) => [upstream, rules.map(({ remaining, ...rule }) => ({ ...rule, count: remaining }))]));
  }

  /** Decides what happens to one request; consumes counted rules that apply. */
  decide(upstream: Upstream, methodAndPath: string): FaultDecision {
    const rules = this.rules.get(upstream) ?? [];
    let delayMs = 0;
    let outcome: FaultDecision | undefined;
    for (const rule of [...rules]) {
      if (rule.match && !methodAndPath.includes(rule.match)) continue;
      if (rule.kind !== "latency" && outcome) continue;
      if (rule.rate !== undefined && !this.random.chance(rule.rate)) continue;
      if (rule.remaining !== undefined) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) rules.splice(rules.indexOf(rule), 1);
      }
      if (rule.kind === "latency") delayMs += rule.latencyMs ?? 0;
      else if (rule.kind === "hang") outcome = { kind: "hang" };
      else if (rule.kind === "throttle") outcome = { kind: "throttle", delayMs: 0, retryAfterSeconds: rule.retryAfterSeconds ?? 1 };
      else outcome = { kind: "error", delayMs: 0, status: rule.status ?? 500 };
    }
    if (!outcome) return { kind: "pass", delayMs };
    return outcome.kind === "hang" ? outcome : { ...outcome, delayMs };
  }
}
