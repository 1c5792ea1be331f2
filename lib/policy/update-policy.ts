import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { policyContentSchema } from "@/lib/domain/promotion-policy";
import { invalidInput } from "@/lib/errors/refused-error";
import { idempotencyKeySchema } from "@/lib/http/idempotency-key";
import type { Services } from "@/lib/services/services";
import { saveVersion } from "@/lib/settings/versioned-settings";
import { POLICY_NAME, PROMOTION_POLICY } from "./policy-store";

export const policyUpdateInput = z.object({
  basedOnVersion: z.coerce.number().int().min(1),
  content: policyContentSchema,
  changeNote: z.string().trim().min(5, "say in a few words what changed and why").max(2000),
  idempotencyKey: idempotencyKeySchema,
});

/** An Admin saves a new policy version; the previous versions stay as they were (evidence refers to them). */
export async function updatePolicy(ctx: RequestContext, rawInput: unknown, services: Pick<Services, "db" | "requestId" | "now">) {
  requirePermission(ctx, "policy:edit");
  const parsed = policyUpdateInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const { basedOnVersion, content, changeNote, idempotencyKey } = parsed.data;
  const { saved, replayed } = await saveVersion(ctx, PROMOTION_POLICY, { name: POLICY_NAME, expectedVersion: basedOnVersion, content, changeNote, idempotencyKey }, services);
  return { policy: saved, replayed };
}
