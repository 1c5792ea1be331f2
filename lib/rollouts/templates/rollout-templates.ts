import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import type { JsonValue } from "@/lib/domain/canonical-json";
import { DEFAULT_THRESHOLDS } from "@/lib/domain/canary-judge";
import { templateContentSchema } from "@/lib/domain/rollout-plan";
import { invalidInput, RefusedError } from "@/lib/errors/refused-error";

/** The rollout templates an Admin edits; running rollouts keep the copy they started with. */
export async function readRolloutTemplates(ctx: RequestContext, deps: { prisma: PrismaClient }) {
  requirePermission(ctx, "templates:edit");
  const rows = await deps.prisma.rolloutTemplate.findMany({ orderBy: { name: "asc" } });
  return rows.map((row) => ({ name: row.name, version: row.version, content: templateContentSchema.parse(row.content), updatedBy: row.updatedByName, updatedAt: row.updatedAt.toISOString() }));
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
});

const statesLatencySampleMinimum = z.object({ thresholds: z.object({ minLatencySamplesPerArm: z.number() }) });

/** Saves a template (creating it when expectedVersion is 0), validated, versioned and audited. */
export async function saveRolloutTemplate(ctx: RequestContext, rawInput: unknown, deps: { prisma: PrismaClient; requestId: string | null }) {
  requirePermission(ctx, "templates:edit");
  const parsed = updateInput.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const content = templateContentSchema.safeParse(parsed.data.content);
  if (!content.success) throw invalidInput(content.error.issues.map((issue) => ({ ...issue, path: ["content", ...issue.path] })));
  // Stored templates without it read as 1 (what they meant when saved); a template saved now states it.
  if (!statesLatencySampleMinimum.safeParse(parsed.data.content).success) {
    throw invalidInput([{ path: ["content", "thresholds", "minLatencySamplesPerArm"], message: `is required: the fewest sampled rows per arm a p95 is judged on (the standard template asks for ${DEFAULT_THRESHOLDS.minLatencySamplesPerArm})` }]);
  }
  const { name, expectedVersion } = parsed.data;
  return deps.prisma.$transaction(async (tx) => {
    const current = await tx.rolloutTemplate.findUnique({ where: { name } });
    if ((current?.version ?? 0) !== expectedVersion) {
      throw new RefusedError("stale_policy", `Template ${name} changed while you edited it (now version ${current?.version ?? 0}); reload and make your change again.`);
    }
    const data = { content: content.data as unknown as Prisma.InputJsonValue, version: expectedVersion + 1, updatedById: ctx.user.id, updatedByName: ctx.user.name, updatedAt: new Date() };
    const saved = current ? await tx.rolloutTemplate.update({ where: { name }, data }) : await tx.rolloutTemplate.create({ data: { name, ...data } });
    await appendAuditEvent(tx, {
      actorId: ctx.user.id,
      actorName: ctx.user.name,
      action: "template.changed",
      subjectType: "rollout_template",
      subjectId: name,
      requestId: deps.requestId,
      data: { version: saved.version, before: (current?.content ?? null) as JsonValue, after: content.data as unknown as JsonValue },
    });
    return saved;
  });
}
