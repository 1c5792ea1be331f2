"use server";
import { revalidatePath } from "next/cache";
import { actionFailure, SIGNED_OUT } from "@/app/_components/action-result";
import { getRequestContext } from "@/lib/auth/request-context";
import { getDatabase } from "@/lib/db/database";
import { currentRequestId } from "@/lib/log/request-logger";
import { saveRolloutTemplate } from "@/lib/rollouts/templates/rollout-templates";
import type { ActionState } from "@/lib/ui/action-state";

export async function saveTemplateAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await getRequestContext();
  if (!ctx) return SIGNED_OUT;
  try {
    const { prisma } = await getDatabase();
    const saved = await saveRolloutTemplate(ctx, { name: form.get("name"), expectedVersion: form.get("expectedVersion"), content: form.get("content") }, { prisma, requestId: await currentRequestId() });
    revalidatePath("/admin/templates");
    return { status: "ok", message: `Saved template ${saved.name} as version ${saved.version}. New rollouts use it; running ones keep their copy.`, fieldErrors: {} };
  } catch (error) {
    return actionFailure(error);
  }
}
