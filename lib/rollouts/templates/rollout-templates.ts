import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { DEFAULT_THRESHOLDS } from "@/lib/domain/canary-judge";
import { templateContentSchema, type TemplateContent } from "@/lib/domain/rollout-plan";
import { invalidInput } from "@/lib/errors/refused-error";
import { idempotencyKeySchema } from "@/lib/http/idempotency-key";
import type { Services } from "@/lib/services/services";
import { latestVersion, latestVersions, saveVersion, type SettingsKind } from "@/lib/settings/versioned-settings";

/** Rollout templates are versioned settings; a rollout copies its template's content when it starts. */
export const ROLLOUT_TEMPLATE: SettingsKind<TemplateContent> = {
  kind: "rollout_template",
  describe: (name) => `template ${name}`,
  schema: templateContentSchema,
  auditAction: "template.changed",
  subjectType: "rollout_template",
};

/** Every template's newest version, by name. */
export function currentTemplates(db: PrismaClient | Prisma.TransactionClient) {
  return latestVersions(db, ROLLOUT_TEMPLATE);
}

export function currentTemplate(db: PrismaClient | Prisma.TransactionClient, name: string) {
  return latestVersion(db, ROLLOUT_TEMPLATE, name);
}

/** The rollout templates an Admin edits; running rollouts keep the copy they started with. */
export async function readRolloutTemplates(ctx: RequestContext, _input: Record<string, never>, services: Pick<Services, "db">) {
  requirePermission(ctx, "templates:edit");
  const templates = await currentTemplates(services.db);
  return templates.map((template) => ({ name: template.name, version: template.version, content: template.content, updatedBy: template.createdByName, updatedAt: template.createdAt.toISOString() }));
}

const updateInput = z.object({
  name: z.string().trim().regex(/^[a-z][a-z0-9-]{1,40}$/, "must be 2-41 lower-case letters, digits or dashes"),
  expectedVersion: z.coerce.number().int().min(0),
  content: z.string().transform((text, issue) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      issue.addIssue({ code: "custom", message: "is not valid JSON" });
      return z.NEVER;
    }
  }),
  changeNote: z.string().trim().max(2000).optional(),
  idempotencyKey: idempotencyKeySchema,
});

const statesLatencySampleMinimum = z.object({ thresholds: z.object({ minLatencySamplesPerArm: z.number() }) });

/** Saves a template's next version (creating it when expectedVersion is 0), validated and audited. */
export async function saveRolloutTemplate(ctx: RequestContext, rawInput: unknown, services: Pick<Services, "db" | "requestId" | "now">) {
  requirePermission(ctx, "templates:edit");
  const parsed = updateInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const content = templateContentSchema.safeParse(parsed.data.content);
  if (!content.success) throw invalidInput(content.error.issues.map((issue) => ({ ...issue, path: ["content", ...issue.path] })));
  // Stored templates without it read as 1 (what they meant when saved); a template saved now states it.
  if (!statesLatencySampleMinimum.safeParse(parsed.data.content).success) {
    throw invalidInput([{ path: ["content", "thresholds", "minLatencySamplesPerArm"], message: `is required: the fewest sampled rows per arm a p95 is judged on (the standard template asks for ${DEFAULT_THRESHOLDS.minLatencySamplesPerArm})` }]);
  }
  const { name, expectedVersion, changeNote, idempotencyKey } = parsed.data;
  return saveVersion(ctx, ROLLOUT_TEMPLATE, { name, expectedVersion, content: content.data, changeNote: changeNote || "Edited in the template editor", idempotencyKey }, services);
}
