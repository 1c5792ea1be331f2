-- Each audit row's MAC: HMAC-SHA256 of its hash under a key held outside the database, so the
-- database's owner cannot rewrite the chain and recompute it. Rows written before stay NULL.
-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "mac" CHAR(64),
ADD COLUMN     "mac_key_id" TEXT;
