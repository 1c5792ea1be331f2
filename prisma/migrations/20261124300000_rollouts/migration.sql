-- Canary rollouts on Azure ML online endpoints (issue 6): templates, rollouts and their actions.

CREATE TYPE "rollout_status" AS ENUM ('running', 'paused', 'completed', 'rolled_back', 'aborted');

CREATE TABLE "rollout_templates" (
    "name" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" TEXT NOT NULL,
    "updated_by_name" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rollout_templates_pkey" PRIMARY KEY ("name")
);

CREATE TABLE "rollouts" (
    "id" UUID NOT NULL,
    "promotion_request_id" UUID NOT NULL,
    "model_name" TEXT NOT NULL,
    "model_version" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "baseline_deployment" TEXT NOT NULL,
    "candidate_deployment" TEXT NOT NULL,
    "template_name" TEXT NOT NULL,
    "plan" JSONB NOT NULL,
    "status" "rollout_status" NOT NULL DEFAULT 'running',
    "current_step" INTEGER NOT NULL DEFAULT 0,
    "step_started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "auto_mode" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "desired_traffic" JSONB NOT NULL,
    "applied_traffic" JSONB,
    "applied_revision" INTEGER,
    "apply_error" TEXT,
    "previous_champion" TEXT,
    "champion_applied_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_by_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "rollouts_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "rollout_actions" (
    "id" UUID NOT NULL,
    "rollout_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "reason" TEXT,
    "from_step" INTEGER NOT NULL,
    "to_step" INTEGER NOT NULL,
    "traffic" JSONB NOT NULL,
    "judgement" JSONB,
    "idempotency_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rollout_actions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "rollouts_status_idx" ON "rollouts"("status");
CREATE INDEX "rollouts_model_name_model_version_idx" ON "rollouts"("model_name", "model_version");
-- One rollout at a time per endpoint: two would fight over its traffic.
CREATE UNIQUE INDEX "rollouts_one_active_per_endpoint" ON "rollouts"("endpoint") WHERE "status" IN ('running', 'paused');
CREATE UNIQUE INDEX "rollout_actions_idempotency_key_key" ON "rollout_actions"("idempotency_key");
CREATE UNIQUE INDEX "rollout_actions_rollout_id_revision_key" ON "rollout_actions"("rollout_id", "revision");

ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_promotion_request_id_fkey" FOREIGN KEY ("promotion_request_id") REFERENCES "promotion_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "rollout_actions" ADD CONSTRAINT "rollout_actions_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TRIGGER "rollout_actions_append_only"
    BEFORE UPDATE OR DELETE ON "rollout_actions"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();

-- The standard plan (DESIGN.md step 5) and the demo's, with short bakes and small samples.
INSERT INTO "rollout_templates" ("name", "content", "updated_by_id", "updated_by_name") VALUES
('standard', '{"description":"Shadow with 10% mirrored, then 10, 25, 50 and 100% of live traffic, 15 minutes each","steps":[{"kind":"shadow","percent":10},{"kind":"live","percent":10},{"kind":"live","percent":25},{"kind":"live","percent":50},{"kind":"live","percent":100}],"bakeSeconds":900,"thresholds":{"latencyFloorMs":120,"latencyRatio":1.1,"errorRateMarginPp":0.5,"kpiMinRelativeDelta":-0.02,"kpiConfidence":0.95,"minRequestsPerArm":500,"minKpiTrialsPerArm":200}}', 'stagegate', 'Stagegate (defaults)'),
('demo', '{"description":"The standard steps with 20-second bakes and small samples, for demonstrations","steps":[{"kind":"shadow","percent":10},{"kind":"live","percent":10},{"kind":"live","percent":25},{"kind":"live","percent":50},{"kind":"live","percent":100}],"bakeSeconds":20,"thresholds":{"latencyFloorMs":120,"latencyRatio":1.1,"errorRateMarginPp":0.5,"kpiMinRelativeDelta":-0.02,"kpiConfidence":0.95,"minRequestsPerArm":5,"minKpiTrialsPerArm":20}}', 'stagegate', 'Stagegate (defaults)');
