import "server-only";
import { z } from "zod";
import type { PrismaClient, Rollout } from "@/lib/db/generated/client";
import type { TrafficSplit } from "@/lib/domain/rollout-plan";
import { notFound } from "@/lib/errors/refused-error";

// What every rollout verb reads and records the same way: the rollout by its id, who acted when
// nobody did, what the audit event is about, and a traffic split read back from a JSON column.

/** The rollout with this id; anything else (no such row, not even an id) is "not found". */
export async function findRollout(db: PrismaClient, rawId: string): Promise<Rollout> {
  const id = z.uuid().safeParse(rawId);
  const rollout = id.success ? await db.rollout.findUnique({ where: { id: id.data } }) : null;
  if (!rollout) throw notFound("There is no such rollout.");
  return rollout;
}

/** The actor of automatic actions (auto mode, the jobs applying traffic and moving the alias). */
export const ROLLOUT_SYSTEM_ACTOR = { id: "stagegate", name: "Stagegate (automatic)" } as const;

/** A rollout's audit events are about the model version it rolls out. */
export function rolloutSubject(rollout: Pick<Rollout, "modelName" | "modelVersion">) {
  return { subjectType: "model_version", subjectId: `${rollout.modelName}/${rollout.modelVersion}` } as const;
}

/** A stored split (desired, applied or an action's traffic) as a TrafficSplit; missing parts read as empty. */
export function asSplit(value: unknown): TrafficSplit {
  const split = (value ?? {}) as Partial<TrafficSplit>;
  return { traffic: split.traffic ?? {}, mirrorTraffic: split.mirrorTraffic ?? {} };
}
