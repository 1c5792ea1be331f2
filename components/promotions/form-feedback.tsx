import Link from "next/link";
import type { ReactNode } from "react";
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

/** A labelled text area whose server-side problem is shown under it and announced with it. */
export function TextAreaField({ state, name, label, rows = 2, required, minLength }: { state: ActionState; name: string; label: ReactNode; rows?: number; required?: boolean; minLength?: number }) {
  const problem = state.fieldErrors[name];
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={name}
        name={name}
        rows={rows}
        required={required}
        minLength={minLength}
        aria-invalid={Boolean(problem)}
        aria-describedby={problem ? `${name}-error` : undefined}
        className="w-full rounded border border-line bg-surface px-2 py-1"
      />
      <FieldError state={state} name={name} />
    </div>
  );
}
