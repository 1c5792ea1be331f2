// How often the request page asks whether an approval reached MLflow, while it is on its way. Not
// server-only: the polling component imports it, and the replica test holds the database to it.

/** The request page's refresh interval for the apply status (GET /api/approvals/{id}/status). */
export const APPLY_STATUS_POLL_MS = 3_000;
