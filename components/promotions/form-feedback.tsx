import Link from "next/link";
import type { ActionState } from "@/lib/ui/action-state";

/** The result line under a form, announced to screen readers. */
export function FormFeedback({ state, linkText }: { state: ActionState; linkText?: string }) {
  if (state.status === "idle") return <p role="status" aria-live="polite" className="sr-only" />;
  const ok = state.status === "ok";
  return (
    <p role={ok ? "status" : "alert"} className={`rounded p-2 text-sm ${ok ? "bg-ok-bg text-ok" : "bg-bad-bg text-bad"}`} data-testid="form-feedback">
      {state.message}{" "}
      {ok && state.href && linkText && (
        <Link href={state.href} className="underline">
          {linkText}
        </Link>
      )}
    </p>
  );
}

export function FieldError({ state, name }: { state: ActionState; name: string }) {
  const message = state.fieldErrors[name];
  if (!message) return null;
  return (
    <p id={`${name}-error`} className="text-sm text-bad">
      {message}
    </p>
  );
}
