-- Auto mode fails closed: it counts the gate evaluations in a row it could not make (Log Analytics
-- failing, nothing current to judge on) and pauses the rollout at the template's limit; and it
-- records when it stopped short of completing 100 % to ask an MLLead to confirm, because the KPI
-- gate had no data in any step. Existing rollouts start with no errors and no request.
ALTER TABLE "rollouts" ADD COLUMN "consecutive_evaluation_errors" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "completion_confirmation_requested_at" TIMESTAMPTZ(3);
