import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { currentPolicy } from "@/lib/policy/policy-store";
import type { Services } from "@/lib/services/services";
import { evaluateForDisplay } from "./display-evaluation";
import { toRequestView } from "./request-view";
import { versionSubject } from "./subjects";

export interface TimelineEntry {
  seq: string;
  at: string;
  actor: string;
  action: string;
  data: unknown;
}

export type VersionPromotion = Awaited<ReturnType<typeof readVersionPromotion>>;

/** The version page's promotion part: policy results, its requests and its timeline. */
export async function readVersionPromotion(ctx: RequestContext, input: { model: string; version: string }, services: Pick<Services, "db" | "mlflow" | "now">) {
  requirePermission(ctx, "registry:read");
  const now = services.now();
  const subject = versionSubject(input.model, input.version);
  const [policy, requests, events] = await Promise.all([
    currentPolicy(services.db),
    services.db.promotionRequest.findMany({
      where: { modelName: input.model, modelVersion: input.version },
      include: { decisions: true },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
    services.db.auditEvent.findMany({ where: subject, orderBy: { seq: "asc" }, take: 500 }),
  ]);
  const evaluation = await evaluateForDisplay(services, policy, input);
  const views = requests.map((row) => toRequestView(row, ctx, now));
  return {
    policy: { version: policy.version, rules: policy.content.rules },
    evaluation,
    requests: views,
    openRequest: views.find((view) => view.status === "pending") ?? null,
    canRequest: ctx.permissions.has("promotions:request"),
    timeline: events.map((event): TimelineEntry => ({ seq: event.seq.toString(), at: event.occurredAt.toISOString(), actor: event.actorName, action: event.action, data: event.data })),
  };
}
