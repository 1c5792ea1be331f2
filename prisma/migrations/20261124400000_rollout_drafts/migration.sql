-- Rollout drafts: an MLEngineer drafts a plan, an MLLead starts or anybody allowed discards it.
-- The runner sends this file as one simple query (one implicit transaction). PostgreSQL 12+ (and
-- PGlite) accept ALTER TYPE ... ADD VALUE there as long as nothing in the same transaction uses the
-- new values, so this file only adds them: the one-active-rollout-per-endpoint index already lists
-- 'running' and 'paused' only, so drafts and discarded drafts never count towards it.

ALTER TYPE "rollout_status" ADD VALUE 'draft';
ALTER TYPE "rollout_status" ADD VALUE 'discarded';

-- Who started the rollout and when (a draft's created_by is its drafter; set by every start).
ALTER TABLE "rollouts" ADD COLUMN "started_at" TIMESTAMPTZ(3),
ADD COLUMN "started_by_name" TEXT;
