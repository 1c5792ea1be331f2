// `npm run audit:verify`: recomputes the audit trail's hash chain on DATABASE_URL (or the embedded
// database) and exits non-zero naming the first row that does not hold.
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { openConfiguredDatabase } from "./lib/configured-database";

async function main(): Promise<number> {
  const opened = await openConfiguredDatabase();
  if ("exitCode" in opened) return opened.exitCode;
  const { database } = opened;
  try {
    const started = performance.now();
    const result = await verifyAuditChain(database.prisma);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (result.ok) {
      console.log(`Audit chain verified: ${result.rows} events, every hash holds (${seconds} s).`);
      return 0;
    }
    console.error(`Audit chain BROKEN at seq ${result.broken.seq}: ${result.broken.reason}. Events before it verify; treat this row and every later one as untrusted.`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
