import "server-only";
import type { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { AuditAction } from "@/lib/audit/audit-actions";
import type { RequestContext } from "@/lib/auth/request-context";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { JsonValue } from "@/lib/domain/canonical-json";
import { RefusedError } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";

// The one versioned-settings store: what people edit (promotion policy, rollout templates, and
// later SLOs, KPI definitions, budgets) is kept as append-only versions per (kind, name). A save
// names the version it was based on and inserts the next one; the primary key makes that a
// conditional write, so of concurrent saves on one version exactly one wins.

export interface SettingsKind<Content> {
  kind: "promotion_policy" | "rollout_template" | "slo_definitions";
  /** What people call it in messages: "the promotion policy", "template demo". */
  describe: (name: string) => string;
  schema: z.ZodType<Content>;
  auditAction: AuditAction;
  subjectType: string;
}

export interface SettingsVersion<Content> {
  name: string;
  version: number;
  content: Content;
  createdById: string;
  createdByName: string;
  changeNote: string;
  createdAt: Date;
}

type Db = PrismaClient | Prisma.TransactionClient;
type Row = Awaited<ReturnType<PrismaClient["settingsVersion"]["findFirstOrThrow"]>>;

function toVersion<Content>(kind: SettingsKind<Content>, row: Row): SettingsVersion<Content> {
  return { name: row.name, version: row.version, content: kind.schema.parse(row.content), createdById: row.createdById, createdByName: row.createdByName, changeNote: row.changeNote, createdAt: row.createdAt };
}

/** The newest version of one setting, or null when it was never saved. */
export async function latestVersion<Content>(db: Db, kind: SettingsKind<Content>, name: string): Promise<SettingsVersion<Content> | null> {
  const row = await db.settingsVersion.findFirst({ where: { kind: kind.kind, name }, orderBy: { version: "desc" } });
  return row ? toVersion(kind, row) : null;
}

/** The newest version of every setting of a kind, by name. */
export async function latestVersions<Content>(db: Db, kind: SettingsKind<Content>): Promise<SettingsVersion<Content>[]> {
  const rows = await db.settingsVersion.findMany({ where: { kind: kind.kind }, orderBy: [{ name: "asc" }, { version: "desc" }], distinct: ["name"] });
  return rows.map((row) => toVersion(kind, row));
}

/** One setting's versions, newest first. */
export async function versionHistory<Content>(db: Db, kind: SettingsKind<Content>, name: string, take = 50): Promise<SettingsVersion<Content>[]> {
  const rows = await db.settingsVersion.findMany({ where: { kind: kind.kind, name }, orderBy: { version: "desc" }, take });
  return rows.map((row) => toVersion(kind, row));
}

export interface SaveSettings<Content> {
  name: string;
  /** The version the editor started from; 0 creates the setting. */
  expectedVersion: number;
  content: Content;
  changeNote: string;
  idempotencyKey: string;
}

/**
 * Saves the next version (the caller has checked permission and validated the content), with its
 * audit row in the same transaction. A replayed idempotency key answers the version it saved; a
 * save based on a version that is no longer the newest is refused with a conflict (409).
 */
export async function saveVersion<Content>(
  ctx: RequestContext,
  kind: SettingsKind<Content>,
  input: SaveSettings<Content>,
  services: Pick<Services, "db" | "requestId" | "now">,
): Promise<{ saved: SettingsVersion<Content>; replayed: boolean }> {
  const replay = async () => {
    const row = await services.db.settingsVersion.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
    if (!row || row.kind !== kind.kind || row.name !== input.name || row.createdById !== ctx.user.id) {
      throw new RefusedError("idempotency_conflict", "This idempotency key was already used for another change; reload the page and save again.");
    }
    return { saved: toVersion(kind, row), replayed: true };
  };
  if (await services.db.settingsVersion.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { kind: true } })) return replay();

  const conflict = (current: SettingsVersion<Content> | null) =>
    new RefusedError(
      "stale_version",
      current
        ? `${capitalize(kind.describe(input.name))} changed while you edited it: you started from version ${input.expectedVersion}, and version ${current.version} was saved by ${current.createdByName}. Reload to see it, then make your change again.`
        : `${capitalize(kind.describe(input.name))} changed while you edited it. Reload to see it, then make your change again.`,
    );

  return writeTransaction(
    services.db,
    async (tx) => {
      const current = await latestVersion(tx, kind, input.name);
      if ((current?.version ?? 0) !== input.expectedVersion) throw conflict(current);
      const row = await tx.settingsVersion.create({
        data: {
          kind: kind.kind,
          name: input.name,
          version: input.expectedVersion + 1,
          content: input.content as unknown as Prisma.InputJsonValue,
          createdById: ctx.user.id,
          createdByName: ctx.user.name,
          changeNote: input.changeNote,
          idempotencyKey: input.idempotencyKey,
          createdAt: services.now(),
        },
      });
      await appendAuditEvent(tx, {
        actorId: ctx.user.id,
        actorName: ctx.user.name,
        action: kind.auditAction,
        subjectType: kind.subjectType,
        subjectId: input.name,
        requestId: services.requestId,
        data: {
          name: input.name,
          version: row.version,
          previousVersion: current?.version ?? null,
          changeNote: input.changeNote,
          before: (current?.content ?? null) as JsonValue,
          after: input.content as unknown as JsonValue,
        },
      });
      return { saved: toVersion(kind, row), replayed: false };
    },
    {
      replay,
      // A concurrent save inserted the same next version first.
      duplicate: async () => {
        throw conflict(await latestVersion(services.db, kind, input.name));
      },
    },
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
