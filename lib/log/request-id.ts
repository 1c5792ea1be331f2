// Shared by proxy.ts (which sets the id) and server code (which reads it). No I/O, no secrets.
export const REQUEST_ID_HEADER = "x-request-id";

/** The path the proxy saw, forwarded to the pages that word a response by it (the 403 page). */
export const PATH_HEADER = "x-stagegate-path";

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's request id when it is well-formed, so ids can be followed across services. */
export function requestIdFrom(incoming: string | null): string {
  return incoming && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}
