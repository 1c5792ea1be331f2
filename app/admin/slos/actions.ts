"use server";
import { revalidatePath } from "next/cache";
import { formText, runFormAction } from "@/app/_components/action-result";
import { describeSlo } from "@/lib/domain/slo/definitions";
import { saveSloDefinition } from "@/lib/slos/save-slo-definition";
import type { ActionState } from "@/lib/ui/action-state";

/**
 * Rebuilds the definition from the form's fields, named by their paths (content.thresholdMs,
 * content.runbook.url, …); the form sends the target as a ratio. Fields another kind has are absent
 * and left out; the verb's schema says what is missing or wrong.
 */
function saveInputFromForm(form: FormData) {
  const text = (name: string) => formText(form, name);
  // An empty number field is NaN, which the schema refuses by the field's name ("must be …").
  const number = (name: string) => {
    const value = text(name);
    return value === undefined ? undefined : value.trim() === "" ? Number.NaN : Number(value);
  };
  const id = text("id");
  return {
    id,
    expectedVersion: text("expectedVersion"),
    changeNote: text("changeNote"),
    idempotencyKey: text("idempotencyKey"),
    content: {
      id,
      kind: text("content.kind"),
      endpoint: text("content.endpoint"),
      model: text("content.model"),
      experiment: text("content.experiment"),
      thresholdMs: number("content.thresholdMs"),
      thresholdMinutes: number("content.thresholdMinutes"),
      thresholdHours: number("content.thresholdHours"),
      target: number("content.target"),
      periodDays: number("content.periodDays"),
      owner: text("content.owner"),
      runbook: { kind: text("content.runbook.kind"), url: text("content.runbook.url") },
    },
  };
}

export async function saveSloDefinitionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runFormAction(async ({ ctx, services }) => {
    const { slo, replayed } = await saveSloDefinition(ctx, saveInputFromForm(form), services);
    revalidatePath("/admin/slos");
    const message = replayed ? `Version ${slo.version} of ${slo.name} was already saved.` : `Saved as version ${slo.version}: ${describeSlo(slo.content)}.`;
    return { status: "ok", message, fieldErrors: {} };
  });
}
