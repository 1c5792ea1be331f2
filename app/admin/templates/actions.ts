"use server";
import { revalidatePath } from "next/cache";
import { formText, runFormAction } from "@/app/_components/action-result";
import { saveRolloutTemplate } from "@/lib/rollouts/templates/rollout-templates";
import type { ActionState } from "@/lib/ui/action-state";

export async function saveTemplateAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runFormAction(async ({ ctx, services }) => {
    const input = { name: formText(form, "name"), expectedVersion: formText(form, "expectedVersion"), content: formText(form, "content"), idempotencyKey: formText(form, "idempotencyKey") };
    const { saved, replayed } = await saveRolloutTemplate(ctx, input, services);
    revalidatePath("/admin/templates");
    const message = replayed ? `Template ${saved.name} version ${saved.version} was already saved.` : `Saved template ${saved.name} as version ${saved.version}. New rollouts use it; running ones keep their copy.`;
    return { status: "ok", message, fieldErrors: {} };
  });
}
