// `npm run audit:verify`: recomputes the audit trail's hash chain on DATABASE_URL (or the embedded
// database), checks every row's MAC and every checkpoint under DATA_DIR with the keys held outside
// the database (AUDIT_MAC_KEY, AUDIT_MAC_PREVIOUS_KEYS, or DATA_DIR/audit-mac.key), and exits 1
// naming the first row that does not hold, or 2 when it cannot verify.
import { auditCheckpointStoreFor } from "@/lib/audit/audit-checkpoint-store";
import { auditKeyringFor } from "@/lib/audit/audit-keys";
import { verifyAuditChain, type AuditVerification } from "@/lib/audit/verify-audit-chain";
import { openConfiguredDatabase } from "./lib/configured-database";

function report(result: Extract<AuditVerification, { ok: true }>, checkpointsAt: string, seconds: string): string[] {
  const lines = [`Audit chain verified: ${result.rows} events, every hash holds (${seconds} s).`];
  if (result.macsFrom === null) {
    if (result.rows > 0n) lines.push("No row carries a MAC: they were written without AUDIT_MAC_KEY, so the database's owner could have rewritten them.");
  } else {
    lines.push(`MACs hold from seq ${result.macsFrom} on${result.macsFrom > 1n ? ` (rows before it were written without a key)` : ""}.`);
  }
  const checkpoints = result.checkpoints;
  if (checkpoints?.newest) {
    lines.push(`${checkpoints.count} checkpoint(s) in ${checkpointsAt} agree with the chain; the newest covers seq ${checkpoints.newest.seq} (written ${checkpoints.newest.at.toISOString()}).`);
  } else if (result.rows > 0n) {
    lines.push(`No checkpoint in ${checkpointsAt}: deleting the newest rows would go unnoticed.`);
  }
  return lines;
}

async function main(): Promise<number> {
  const opened = await openConfiguredDatabase();
  if ("exitCode" in opened) return opened.exitCode;
  const { database, config } = opened;
  try {
    const started = performance.now();
    const store = auditCheckpointStoreFor(config);
    const result = await verifyAuditChain(database.prisma, { keyring: auditKeyringFor(config), checkpoints: store });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (result.ok) {
      console.log(report(result, store.location, seconds).join("\n"));
      return 0;
    }
    if ("broken" in result) {
      console.error(`Audit chain BROKEN at seq ${result.broken.seq}: ${result.broken.reason}. Events before it verify; treat this row and every later one as untrusted.`);
      return 1;
    }
    if ("forged" in result) {
      console.error(`Audit checkpoint FORGED on line ${result.forged.line} of ${store.location}: ${result.forged.reason}. The checkpoints cannot vouch for the chain.`);
      return 1;
    }
    console.error(`Audit chain NOT VERIFIED: ${result.unverifiable}.`);
    return 2;
  } catch (error) {
    console.error(`Audit chain NOT VERIFIED: ${error instanceof Error ? error.message : error}`);
    return 2;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
