import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { StepJudgement } from "@/lib/domain/canary-judge";
import { toActionView } from "./rollout-view";
import { kpiJudgedInAnyStep } from "./step-history";

/**
 * Whether the KPI gate was judged in any step of the rollout so far: on the gates each recorded
 * action was decided on, or on `current` (the last step's, being decided now). A completion records
 * it, and auto mode asks a lead to confirm completing without it when the template says so.
 */
export async function kpiJudgedSoFar(db: PrismaClient, rolloutId: string, current: Pick<StepJudgement, "gates">): Promise<boolean> {
  const actions = await db.rolloutAction.findMany({ where: { rolloutId }, orderBy: { revision: "asc" } });
  return kpiJudgedInAnyStep([...actions.map((action) => toActionView(action).gates), current]);
}
