import "server-only";
import { AuthorizationError } from "@/lib/auth/permissions";
import { RefusedError } from "@/lib/errors/refused-error";
import { currentRequestId, requestLogger } from "@/lib/log/request-logger";
import { UpstreamError } from "@/lib/sources/upstream-error";
import type { ActionState } from "@/lib/ui/action-state";

/** A form action's failure as the form shows it; anything unexpected is logged with the request id. */
export async function actionFailure(error: unknown): Promise<ActionState> {
  if (error instanceof RefusedError) return { status: "error", message: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof AuthorizationError) return { status: "error", message: error.message, fieldErrors: {} };
  if (error instanceof UpstreamError) {
    return { status: "error", message: `${error.message} Nothing was changed; try again in a minute.`, fieldErrors: {} };
  }
  (await requestLogger()).error({ err: error }, "form action failed");
  return {
    status: "error",
    message: `Stagegate could not save this (request id ${(await currentRequestId()) ?? "unknown"}). Nothing was changed; try again, and quote the request id if it persists.`,
    fieldErrors: {},
  };
}

/** The signed-in person, or a failure telling them to sign in again (a session can end while a form is open). */
export const SIGNED_OUT: ActionState = { status: "error", message: "Your session has ended. Sign in again, then resubmit.", fieldErrors: {} };
