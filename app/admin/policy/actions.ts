"use server";
import { revalidatePath } from "next/cache";
import { formText, runFormAction } from "@/app/_components/action-result";
import { updatePolicy } from "@/lib/policy/update-policy";
import type { ActionState } from "@/lib/ui/action-state";

/** Rebuilds the policy from the form's rows (rules.0.metric, rules.0.comparison, …); the verb validates it. */
function policyFromForm(form: FormData) {
  const text = (name: string) => formText(form, name) ?? "";
  const indexes = [...new Set([...form.keys()].flatMap((key) => /^rules\.(\d+)\./.exec(key)?.[1] ?? []))].sort((a, b) => Number(a) - Number(b));
  const number = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));
  return {
    basedOnVersion: text("basedOnVersion"),
    changeNote: text("changeNote"),
    idempotencyKey: text("idempotencyKey"),
    content: {
      rules: indexes.map((index) => ({
        metric: text(`rules.${index}.metric`),
        comparison: text(`rules.${index}.comparison`),
        threshold: number(text(`rules.${index}.threshold`)),
        relativeTo: text(`rules.${index}.relativeTo`),
      })),
      quorum: number(text("quorum")),
      requestTtlDays: number(text("requestTtlDays")),
    },
  };
}

export async function updatePolicyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runFormAction(async ({ ctx, services }) => {
    const { policy, replayed } = await updatePolicy(ctx, policyFromForm(form), services);
    revalidatePath("/admin/policy");
    return { status: "ok", message: replayed ? `Version ${policy.version} was already saved.` : `Saved as policy version ${policy.version}. New decisions use it from now on.`, fieldErrors: {} };
  });
}
