-- Issue 13 item 5h: a session's roles are re-checked with Entra every ROLE_RECHECK_MINUTES using
-- the refresh token kept (sealed) with the session. Sessions opened before this migration hold no
-- refresh token: their roles count as confirmed at sign-in, so they end at their next re-check.
-- AlterEnum
ALTER TYPE "session_end_reason" ADD VALUE 'roles_unconfirmed';

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "refresh_token_sealed" TEXT,
ADD COLUMN     "roles_checked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "roles_recheck_lease_until" TIMESTAMPTZ(3);

UPDATE "sessions" SET "roles_checked_at" = "created_at";
