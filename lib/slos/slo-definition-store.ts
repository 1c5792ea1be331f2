import "server-only";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { DEFAULT_SLOS, sloDefinitionSchema, type SloDefinition } from "@/lib/domain/slo/definitions";
import { AVAILABILITY_SLO } from "@/lib/domain/slo/error-budget";
import { latestVersions, type SettingsKind } from "@/lib/settings/versioned-settings";

/** Each SLO is one versioned setting, named by its id; what an Admin saves replaces the blueprint's default. */
export const SLO_DEFINITION: SettingsKind<SloDefinition> = {
  kind: "slo_definitions",
  describe: (id) => `SLO ${id}`,
  schema: sloDefinitionSchema,
  auditAction: "slo.definition_saved",
  subjectType: "slo_definition",
};

export interface StoredSloDefinition {
  definition: SloDefinition;
  /** 0 for a blueprint default never saved: the editor's expectedVersion. */
  version: number;
  savedBy: string | null;
  savedAt: string | null;
  changeNote: string | null;
}

const asDefault = (definition: SloDefinition): StoredSloDefinition => ({ definition, version: 0, savedBy: null, savedAt: null, changeNote: null });

/** Every SLO: the defaults in their order, each replaced by its newest saved version, then SLOs only ever saved (by id). */
export async function currentSloDefinitions(db: PrismaClient | Prisma.TransactionClient): Promise<StoredSloDefinition[]> {
  const saved = new Map(
    (await latestVersions(db, SLO_DEFINITION)).map((version): [string, StoredSloDefinition] => [
      version.name,
      { definition: version.content, version: version.version, savedBy: version.createdByName, savedAt: version.createdAt.toISOString(), changeNote: version.changeNote },
    ]),
  );
  const defaults = DEFAULT_SLOS.map((definition) => saved.get(definition.id) ?? asDefault(definition));
  const defaultIds = new Set(DEFAULT_SLOS.map((definition) => definition.id));
  const added = [...saved.values()].filter((stored) => !defaultIds.has(stored.definition.id)).sort((a, b) => a.definition.id.localeCompare(b.definition.id));
  return [...defaults, ...added];
}

/** One SLO as it stands (saved or default), or null for an id never defined. */
export async function currentSloDefinition(db: PrismaClient | Prisma.TransactionClient, id: string): Promise<StoredSloDefinition | null> {
  return (await currentSloDefinitions(db)).find((stored) => stored.definition.id === id) ?? null;
}

/** What an endpoint's availability budget is judged against, and the SLO it comes from (null: the blueprint's constant). */
export interface AvailabilityObjective {
  sloId: string | null;
  target: number;
  periodDays: number;
}

/**
 * The endpoint's availability SLO as it stands (the first one defined for it), for the rollout
 * freeze; an endpoint without one is held to the blueprint's 99.9 % over 30 days.
 */
export async function availabilityObjectiveOf(db: PrismaClient | Prisma.TransactionClient, endpoint: string): Promise<AvailabilityObjective> {
  const slo = (await currentSloDefinitions(db)).find(({ definition }) => definition.kind === "availability" && definition.endpoint === endpoint)?.definition;
  return slo ? { sloId: slo.id, target: slo.target, periodDays: slo.periodDays } : { sloId: null, ...AVAILABILITY_SLO };
}
