-- Promotion policy (versioned data), promotion requests and their decisions (issue 5).

CREATE TYPE "promotion_status" AS ENUM ('pending', 'approved', 'rejected', 'expired');
CREATE TYPE "apply_status" AS ENUM ('not_started', 'pending', 'applied', 'failed');
CREATE TYPE "decision_outcome" AS ENUM ('approve', 'reject');

CREATE TABLE "promotion_policies" (
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_by_name" TEXT NOT NULL,
    "change_note" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promotion_policies_pkey" PRIMARY KEY ("version")
);

CREATE TABLE "promotion_requests" (
    "id" UUID NOT NULL,
    "model_name" TEXT NOT NULL,
    "model_version" TEXT NOT NULL,
    "target_alias" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_by_name" TEXT NOT NULL,
    "status" "promotion_status" NOT NULL DEFAULT 'pending',
    "quorum" INTEGER NOT NULL,
    "policy_version" INTEGER NOT NULL,
    "inputs" JSONB NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "apply_status" "apply_status" NOT NULL DEFAULT 'not_started',
    "apply_error" TEXT,
    "applied_at" TIMESTAMPTZ(3),

    CONSTRAINT "promotion_requests_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "promotion_decisions" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "decided_by_name" TEXT NOT NULL,
    "outcome" "decision_outcome" NOT NULL,
    "comment" TEXT NOT NULL,
    "override_reason" TEXT,
    "evidence" JSONB NOT NULL,
    "evidence_sha256" CHAR(64) NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promotion_decisions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "promotion_policies_idempotency_key_key" ON "promotion_policies"("idempotency_key");
CREATE UNIQUE INDEX "promotion_requests_idempotency_key_key" ON "promotion_requests"("idempotency_key");
CREATE INDEX "promotion_requests_model_name_model_version_idx" ON "promotion_requests"("model_name", "model_version");
CREATE INDEX "promotion_requests_status_expires_at_idx" ON "promotion_requests"("status", "expires_at");
-- One open request per version and target: a second one would split the leads' decisions.
CREATE UNIQUE INDEX "promotion_requests_one_pending" ON "promotion_requests"("model_name", "model_version", "target_alias") WHERE "status" = 'pending';
CREATE UNIQUE INDEX "promotion_decisions_idempotency_key_key" ON "promotion_decisions"("idempotency_key");
CREATE UNIQUE INDEX "promotion_decisions_request_id_decided_by_id_key" ON "promotion_decisions"("request_id", "decided_by_id");

ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_policy_version_fkey" FOREIGN KEY ("policy_version") REFERENCES "promotion_policies"("version") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "promotion_decisions" ADD CONSTRAINT "promotion_decisions_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "promotion_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "promotion_decisions" ADD CONSTRAINT "promotion_decisions_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Policy versions and decisions are evidence: once written they are never changed.
CREATE TRIGGER "promotion_policies_append_only"
    BEFORE UPDATE OR DELETE ON "promotion_policies"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();
CREATE TRIGGER "promotion_decisions_append_only"
    BEFORE UPDATE OR DELETE ON "promotion_decisions"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();

-- The platform blueprint's defaults (DESIGN.md): keep in step with DEFAULT_POLICY in lib/domain/promotion-policy.ts.
INSERT INTO "promotion_policies" ("version", "content", "created_by_id", "created_by_name", "change_note", "idempotency_key")
VALUES (1, '{"rules":[{"metric":"auc","comparison":">=","threshold":0.01,"relativeTo":"incumbent"},{"metric":"fairness_dp_diff","comparison":"<=","threshold":0.1,"relativeTo":"absolute"},{"metric":"robustness_score","comparison":">=","threshold":0.95,"relativeTo":"absolute"},{"metric":"shap_drift","comparison":"<","threshold":0.15,"relativeTo":"absolute"}],"quorum":1,"requestTtlDays":7}',
        'stagegate', 'Stagegate (defaults)', 'The platform blueprint''s defaults', 'initial-policy');
