import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { notFound } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { versionHistory } from "@/lib/settings/versioned-settings";
import { currentSloDefinition, currentSloDefinitions, SLO_DEFINITION } from "./slo-definition-store";

/** Every SLO an Admin may edit: the saved newest versions over the blueprint's defaults (version 0 until saved). */
export async function readSloDefinitions(ctx: RequestContext, _input: Record<string, never>, services: Pick<Services, "db">) {
  requirePermission(ctx, "slos:edit");
  return currentSloDefinitions(services.db);
}

const idSchema = z.object({ id: z.string().trim().min(1).max(64) });

/** One SLO for its editor, with its saved versions (newest first; none while it is the default). */
export async function readSloDefinitionForEditing(ctx: RequestContext, rawInput: { id: string }, services: Pick<Services, "db">) {
  requirePermission(ctx, "slos:edit");
  const parsed = idSchema.safeParse(rawInput);
  if (!parsed.success) throw notFound("There is no SLO with that id.");
  const [current, history] = await Promise.all([currentSloDefinition(services.db, parsed.data.id), versionHistory(services.db, SLO_DEFINITION, parsed.data.id)]);
  if (!current) throw notFound(`There is no SLO with id ${parsed.data.id}.`);
  return { current, history };
}
