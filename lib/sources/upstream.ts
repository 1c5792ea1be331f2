import type { ReadCache } from "./read-cache";

/**
 * One upstream as verbs see it: its client (built on first use; throws UpstreamNotConfiguredError
 * naming what is missing) and the one read cache every reader of the process shares.
 */
export interface Upstream<Client> {
  client(): Client;
  cache: ReadCache;
}
