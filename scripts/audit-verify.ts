// `npm run audit:verify`: recomputes the audit trail's hash chain on DATABASE_URL (or the embedded
// database) and exits non-zero naming the first row that does not hold.
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { ConfigError, parseConfig } from "@/lib/config/schema";
import { databaseTargetFor } from "@/lib/db/database";
import { openDatabase } from "@/lib/db/open-database";

async function main(): Promise<number> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const target = databaseTargetFor(config);
  let database;
  try {
    database = await openDatabase(target);
  } catch (error) {
    console.error(`Could not open the database to verify: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
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
