// The SLO kinds and runbook kinds as plain lists, apart from the zod schema: the Admin's form runs
// in the browser and needs the lists, not zod.
export const SLO_KINDS = ["latency", "availability", "freshness", "training-time"] as const;
export type SloKind = (typeof SLO_KINDS)[number];

export const RUNBOOK_KINDS = ["rollback", "cache-warm", "feature-backfill", "other"] as const;
export type RunbookKind = (typeof RUNBOOK_KINDS)[number];

/** What an SLO is about: an online endpoint's live requests, or a model's features or training runs. */
export const SUBJECT_OF_KIND = { latency: "endpoint", availability: "endpoint", freshness: "model", "training-time": "model" } as const satisfies Record<SloKind, "endpoint" | "model">;
