import "server-only";
import { isAuthorizationError } from "@/lib/auth/permissions";
import { getRequestContext, type RequestContext } from "@/lib/auth/request-context";
import { invalidInput, isRefused } from "@/lib/errors/refused-error";
import { isUpstreamError } from "@/lib/errors/upstream-error";
import { isSafeText, UNSAFE_TEXT_MESSAGE } from "@/lib/http/safe-text";
import { requestServices } from "@/lib/services/request-services";
import type { Services } from "@/lib/services/services";
import type { ActionState } from "@/lib/ui/action-state";

/** A form action's failure as the form shows it; anything unexpected is logged with the request id. */
export async function actionFailure(error: unknown): Promise<ActionState> {
  if (isRefused(error)) return { status: "error", message: error.message, fieldErrors: error.fieldErrors };
  if (isAuthorizationError(error)) return { status: "error", message: error.message, fieldErrors: {} };
  if (isUpstreamError(error)) {
    return { status: "error", message: `${error.message} Nothing was changed; try again in a minute.`, fieldErrors: {} };
  }
  const { requestId, log } = await requestServices();
  log.error({ err: error }, "form action failed");
  return {
    status: "error",
    message: `Stagegate could not save this (request id ${requestId ?? "unknown"}). Nothing was changed; try again, and quote the request id if it persists.`,
    fieldErrors: {},
  };
}

/** The signed-in person, or a failure telling them to sign in again (a session can end while a form is open). */
export const SIGNED_OUT: ActionState = { status: "error", message: "Your session has ended. Sign in again, then resubmit.", fieldErrors: {} };

/**
 * The one way a server action is wired: the signed-in person (or SIGNED_OUT), the request's
 * services, and any failure turned into the form's message.
 */
export async function runFormAction(work: (call: { ctx: RequestContext; services: Services }) => Promise<ActionState>): Promise<ActionState> {
  const ctx = await getRequestContext();
  if (!ctx) return SIGNED_OUT;
  try {
    return await work({ ctx, services: await requestServices() });
  } catch (error) {
    return actionFailure(error);
  }
}

/**
 * A form field as text, or undefined when absent (the verb's schema says what is missing). Text the
 * database could not store is refused here, naming the field, before any verb runs.
 */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  if (typeof value !== "string") return undefined;
  if (!isSafeText(value)) throw invalidInput([{ path: [name], message: UNSAFE_TEXT_MESSAGE }]);
  return value;
}
