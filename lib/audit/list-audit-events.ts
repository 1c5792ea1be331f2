import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Prisma } from "@/lib/db/generated/client";
import { invalidInput } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";

const optionalText = z.string().trim().max(200).optional().transform((value) => value || undefined);
const optionalTime = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)
  .refine((value) => value === undefined || !Number.isNaN(Date.parse(value)), "must be a date or time such as 2026-11-24 or 2026-11-24T09:00Z");

export const auditFilterSchema = z
  .object({
    actor: optionalText,
    model: optionalText,
    kind: optionalText,
    from: optionalTime,
    to: optionalTime,
    before: z.string().regex(/^\d{1,18}$/).optional(),
  })
  .refine((filters) => !filters.from || !filters.to || Date.parse(filters.from) <= Date.parse(filters.to), { path: ["to"], message: "must not be before from" });
export type AuditFilters = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 100;

/** The WHERE clause for the filters: actor name contains, model's events, action (or its prefix), time range. */
export function auditWhere(filters: AuditFilters): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput[] = [];
  if (filters.actor) where.push({ actorName: { contains: filters.actor, mode: "insensitive" } });
  if (filters.model) where.push({ subjectType: "model_version", subjectId: { startsWith: `${filters.model}/` } });
  if (filters.kind) where.push(filters.kind.endsWith(".") ? { action: { startsWith: filters.kind } } : { action: filters.kind });
  if (filters.from) where.push({ occurredAt: { gte: new Date(filters.from) } });
  // A bare date as "to" means the whole of that day.
  if (filters.to) where.push({ occurredAt: /^\d{4}-\d{2}-\d{2}$/.test(filters.to) ? { lt: new Date(Date.parse(filters.to) + 86_400_000) } : { lte: new Date(filters.to) } });
  if (filters.before) where.push({ seq: { lt: BigInt(filters.before) } });
  return { AND: where };
}

export function parseAuditFilters(raw: unknown): AuditFilters {
  const parsed = auditFilterSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  return parsed.data;
}

/** One page of the audit trail, newest first, with the kinds of event that exist for the filter menu. */
export async function listAuditEvents(ctx: RequestContext, raw: unknown, services: Pick<Services, "db">) {
  requirePermission(ctx, "audit:read");
  const filters = parseAuditFilters(raw);
  const [rows, kinds] = await Promise.all([
    services.db.auditEvent.findMany({ where: auditWhere(filters), orderBy: { seq: "desc" }, take: AUDIT_PAGE_SIZE + 1 }),
    services.db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ]);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    filters,
    events: page.map((row) => ({
      seq: row.seq.toString(),
      occurredAt: row.occurredAt.toISOString(),
      actor: row.actorName,
      action: row.action,
      subject: `${row.subjectType} ${row.subjectId}`,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      data: row.data,
      requestId: row.requestId,
      hash: row.hash,
    })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page.at(-1)!.seq.toString() : null,
    kinds: kinds.map((kind) => kind.action),
  };
}
