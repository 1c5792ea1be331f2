"use server";
import { revalidatePath } from "next/cache";
import { actionFailure, SIGNED_OUT } from "@/app/_components/action-result";
import { getRequestContext } from "@/lib/auth/request-context";
import { actOnRollout } from "@/lib/rollouts/act-on-rollout";
import { rolloutDeps } from "@/lib/rollouts/default-deps";
import { startRollout } from "@/lib/rollouts/start-rollout";
import type { ActionState } from "@/lib/ui/action-state";

function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

export async function startRolloutAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await getRequestContext();
  if (!ctx) return SIGNED_OUT;
  try {
    const { rollout } = await startRollout(
      ctx,
      {
        promotionRequestId: field(form, "promotionRequestId"),
        endpoint: field(form, "endpoint"),
        baselineDeployment: field(form, "baselineDeployment"),
        candidateDeployment: field(form, "candidateDeployment"),
        templateName: field(form, "templateName"),
        autoMode: field(form, "autoMode") ?? false,
        idempotencyKey: field(form, "idempotencyKey"),
      },
      await rolloutDeps(),
    );
    revalidatePath("/rollouts");
    return { status: "ok", message: "Rollout started: the first step is being applied to the endpoint.", fieldErrors: {}, href: `/rollouts/${rollout.id}` };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function actOnRolloutAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await getRequestContext();
  if (!ctx) return SIGNED_OUT;
  try {
    const { rollout, replayed } = await actOnRollout(
      ctx,
      { rolloutId: field(form, "rolloutId"), action: field(form, "action"), expectedRevision: field(form, "expectedRevision"), reason: field(form, "reason"), idempotencyKey: field(form, "idempotencyKey") },
      await rolloutDeps(),
    );
    revalidatePath(`/rollouts/${rollout.id}`);
    revalidatePath("/rollouts");
    return { status: "ok", message: replayed ? "Already done." : "Done. Traffic changes are applied to the endpoint in the background.", fieldErrors: {}, href: `/rollouts/${rollout.id}` };
  } catch (error) {
    return actionFailure(error);
  }
}
