-- One versioned-settings table for everything people edit (promotion policy, rollout templates,
-- and later SLOs, KPI definitions and budgets): append-only versions per (kind, name). A save
-- inserts expected version + 1, so of concurrent saves on one version exactly one wins.

CREATE TABLE "settings_versions" (
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_by_name" TEXT NOT NULL,
    "change_note" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "settings_versions_pkey" PRIMARY KEY ("kind", "name", "version")
);

CREATE UNIQUE INDEX "settings_versions_idempotency_key_key" ON "settings_versions"("idempotency_key");

CREATE TRIGGER "settings_versions_append_only"
    BEFORE UPDATE OR DELETE ON "settings_versions"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();

INSERT INTO "settings_versions" ("kind", "name", "version", "content", "created_by_id", "created_by_name", "change_note", "idempotency_key", "created_at")
SELECT 'promotion_policy', 'default', "version", "content", "created_by_id", "created_by_name", "change_note", "idempotency_key", "created_at"
FROM "promotion_policies";

-- Templates were edited in place, so only their newest version survives (the audit trail keeps the rest).
INSERT INTO "settings_versions" ("kind", "name", "version", "content", "created_by_id", "created_by_name", "change_note", "idempotency_key", "created_at")
SELECT 'rollout_template', "name", "version", "content", "updated_by_id", "updated_by_name",
       CASE WHEN "updated_by_id" = 'stagegate' THEN 'Stagegate''s defaults' ELSE 'Saved before templates were versioned' END,
       'rollout-template-' || "name" || '-v' || "version", "updated_at"
FROM "rollout_templates";

-- A request keeps the number of the policy version it was judged by.
ALTER TABLE "promotion_requests" DROP CONSTRAINT "promotion_requests_policy_version_fkey";
DROP TABLE "promotion_policies";
DROP TABLE "rollout_templates";
