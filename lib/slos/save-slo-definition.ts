import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { sloDefinitionSchema } from "@/lib/domain/slo/definitions";
import { invalidInput } from "@/lib/errors/refused-error";
import { idempotencyKeySchema } from "@/lib/http/idempotency-key";
import type { Services } from "@/lib/services/services";
import { saveVersion } from "@/lib/settings/versioned-settings";
import { currentSloDefinition, SLO_DEFINITION } from "./slo-definition-store";

export const sloDefinitionSaveInput = z.object({
  id: z.string().trim().min(1, "is required").max(64, "must be at most 64 characters"),
  /** The version the editor started from: 0 for a default never saved, or a new SLO. */
  expectedVersion: z.coerce.number().int().min(0),
  content: sloDefinitionSchema,
  changeNote: z.string().trim().min(5, "say in a few words what changed and why").max(2000),
  idempotencyKey: idempotencyKeySchema,
});

/**
 * An Admin saves an SLO's next version (its first saves over the blueprint's default); validated by
 * the domain schema and audited in the same transaction. The id and kind are fixed: the SLO's
 * history and its charts must stay about one thing.
 */
export async function saveSloDefinition(ctx: RequestContext, rawInput: unknown, services: Pick<Services, "db" | "requestId" | "now">) {
  requirePermission(ctx, "slos:edit");
  const parsed = sloDefinitionSaveInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const { id, expectedVersion, content, changeNote, idempotencyKey } = parsed.data;
  if (content.id !== id) throw invalidInput([{ path: ["content", "id"], message: `must be ${id}, the SLO being saved (an SLO's id cannot change)` }]);
  const current = await currentSloDefinition(services.db, id);
  if (current && current.definition.kind !== content.kind) {
    throw invalidInput([{ path: ["content", "kind"], message: `must stay ${current.definition.kind}: an SLO's kind cannot change, define a new SLO instead` }]);
  }
  const { saved, replayed } = await saveVersion(ctx, SLO_DEFINITION, { name: id, expectedVersion, content, changeNote, idempotencyKey }, services);
  return { slo: saved, replayed };
}
