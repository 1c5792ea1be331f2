import { describe, expect, it } from "vitest";
import { toDecisionAnnotation, type AnnotationSource } from "./decision-annotations";

const at = new Date("2026-11-20T10:00:00Z");
const row = (action: string, data: unknown, subjectId = "churn_xgb/7"): AnnotationSource => ({ occurredAt: at, actorName: "Dana Lead", action, subjectId, data });

describe("decision annotations", () => {
  it("say what changed, who decided and why, and link to the decision's record", () => {
    expect(toDecisionAnnotation("churn_xgb", row("promotion.approved", { requestId: "r1", comment: "Lift holds on the holdout." }))).toEqual({
      at: "2026-11-20T10:00:00.000Z",
      kind: "approval",
      version: "7",
      title: "v7 approved",
      who: "Dana Lead",
      why: "Lift holds on the holdout.",
      href: "/approvals/r1",
    });
    expect(toDecisionAnnotation("churn_xgb", row("alias.moved", { alias: "champion", version: "7", previousVersion: "6" }))).toMatchObject({ kind: "alias", title: "@champion → v7 (was v6)", href: "/models/churn_xgb/versions/7" });
    expect(toDecisionAnnotation("churn_xgb", row("rollout.advance", { rolloutId: "x1", step: "25% live", reason: "" }))).toMatchObject({ kind: "rollout", title: "v7 rollout advanced: 25% live", why: null, href: "/rollouts/x1" });
    expect(toDecisionAnnotation("churn_xgb", row("rollout.rollback", { rolloutId: "x1", reason: "p95 doubled" }))).toMatchObject({ kind: "rollback", title: "v7 rolled back", why: "p95 doubled" });
  });

  it("leave out other models' rows (even one whose name starts the same), other actions and odd data", () => {
    expect(toDecisionAnnotation("churn", row("promotion.approved", {}, "churn_xgb/7"))).toBeNull();
    expect(toDecisionAnnotation("churn_xgb", row("user.signed_in", {}))).toBeNull();
    expect(toDecisionAnnotation("churn_xgb", row("promotion.rejected", ["not", "an", "object"]))).toMatchObject({ title: "v7 rejected", why: null, href: "/models/churn_xgb/versions/7" });
  });
});
