import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Services } from "@/lib/services/services";
import { versionHistory } from "@/lib/settings/versioned-settings";
import { currentPolicy, POLICY_NAME, PROMOTION_POLICY } from "./policy-store";

/** The policy an Admin edits, with its earlier versions (newest first). */
export async function readPolicyForEditing(ctx: RequestContext, _input: Record<string, never>, services: Pick<Services, "db">) {
  requirePermission(ctx, "policy:edit");
  const [current, history] = await Promise.all([currentPolicy(services.db), versionHistory(services.db, PROMOTION_POLICY, POLICY_NAME)]);
  return { current, history };
}

/** The metric names the current policy judges, for the model page's versions table (any reader of the registry). */
export async function readPolicyMetrics(ctx: RequestContext, _input: Record<string, never>, services: Pick<Services, "db">) {
  requirePermission(ctx, "registry:read");
  const policy = await currentPolicy(services.db);
  return { rules: policy.content.rules, metricNames: [...new Set(policy.content.rules.map((rule) => rule.metric))] };
}
