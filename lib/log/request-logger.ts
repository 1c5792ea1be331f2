import "server-only";
import { headers } from "next/headers";
import type { Logger } from "pino";
import { getLogger } from "./logger";
import { REQUEST_ID_HEADER } from "./request-id";

/** The current request's id, as proxy.ts set it. */
export async function currentRequestId(): Promise<string | null> {
  return (await headers()).get(REQUEST_ID_HEADER);
}

/** A logger whose every line carries the current request's id. */
export async function requestLogger(): Promise<Logger> {
  return getLogger().child({ requestId: await currentRequestId() });
}
