import "server-only";
import type { JsonValue } from "@/lib/domain/canonical-json";
import { GENESIS_HASH, verifyChainSegment, type ChainBreak } from "@/lib/domain/audit-chain";
import type { PrismaClient } from "@/lib/db/generated/client";

const PAGE_SIZE = 1000;

/** Recomputes the whole chain page by page; memory stays flat however long the trail is. */
export async function verifyAuditChain(
  prisma: PrismaClient,
): Promise<{ ok: true; rows: bigint } | { ok: false; broken: ChainBreak }> {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0n;
  for (;;) {
    const page = await prisma.auditEvent.findMany({
      where: { seq: { gt: prevSeq } },
      orderBy: { seq: "asc" },
      take: PAGE_SIZE,
    });
    if (page.length === 0) return { ok: true, rows: prevSeq };
    const result = verifyChainSegment(
      page.map((row) => ({ ...row, data: row.data as JsonValue })),
      prevHash,
      prevSeq,
    );
    if (!result.ok) return result;
    prevHash = result.lastHash;
    prevSeq = result.lastSeq;
  }
}
