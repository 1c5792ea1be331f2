import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { csvRow } from "@/lib/domain/csv";
import type { Services } from "@/lib/services/services";
import { auditWhere, parseAuditFilters } from "./list-audit-events";

const PAGE = 1000;
export const AUDIT_CSV_COLUMNS = ["seq", "occurred_at", "actor_id", "actor_name", "action", "subject_type", "subject_id", "data", "request_id", "prev_hash", "hash", "mac", "mac_key_id"];

/** The filtered trail as CSV, streamed page by page so memory stays flat however long it is. */
export async function exportAuditCsv(ctx: RequestContext, raw: unknown, services: Pick<Services, "db">): Promise<ReadableStream<Uint8Array>> {
  requirePermission(ctx, "audit:read");
  const filters = parseAuditFilters(raw);
  const encoder = new TextEncoder();
  let before: bigint | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow(AUDIT_CSV_COLUMNS)));
        return;
      }
      const where = auditWhere({ ...filters, before: before?.toString() ?? filters.before });
      const rows = await services.db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, take: PAGE });
      if (rows.length === 0) {
        controller.close();
        return;
      }
      before = rows.at(-1)!.seq;
      const text = rows
        .map((row) =>
          csvRow([row.seq.toString(), row.occurredAt.toISOString(), row.actorId, row.actorName, row.action, row.subjectType, row.subjectId, row.data, row.requestId, row.prevHash, row.hash, row.mac, row.macKeyId]),
        )
        .join("");
      controller.enqueue(encoder.encode(text));
    },
  });
}
