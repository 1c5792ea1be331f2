-- Read hints: identifiers upstreams never change (a version's run, a run's experiment and parent,
-- a finished run's metric keys) and the last seen endpoint names, so a later cold read can fire the
-- dependent upstream reads beside the first one. Only an optimisation: every read checks its hint.
CREATE TABLE "read_hints" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "read_hints_pkey" PRIMARY KEY ("key")
);
