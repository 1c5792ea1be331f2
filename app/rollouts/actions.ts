"use server";
import { revalidatePath } from "next/cache";
import { formText, runFormAction } from "@/app/_components/action-result";
import { actOnRollout } from "@/lib/rollouts/act-on-rollout";
import { discardDraftedRollout } from "@/lib/rollouts/discard-drafted-rollout";
import { draftRollout } from "@/lib/rollouts/draft-rollout";
import { startDraftedRollout } from "@/lib/rollouts/start-drafted-rollout";
import { startRollout } from "@/lib/rollouts/start-rollout";
import type { ActionState } from "@/lib/ui/action-state";

/** The plan form: "Start the rollout" (MLLead) or "Save as draft" (MLEngineer or MLLead), by the button pressed. */
export async function planRolloutAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runFormAction(async ({ ctx, services }) => {
    const asDraft = formText(form, "intent") === "draft";
    const input = {
      promotionRequestId: formText(form, "promotionRequestId"),
      endpoint: formText(form, "endpoint"),
      baselineDeployment: formText(form, "baselineDeployment"),
      candidateDeployment: formText(form, "candidateDeployment"),
      templateName: formText(form, "templateName"),
      autoMode: formText(form, "autoMode") ?? false,
      idempotencyKey: formText(form, "idempotencyKey"),
    };
    const { rollout } = asDraft ? await draftRollout(ctx, input, services) : await startRollout(ctx, input, services);
    revalidatePath("/rollouts");
    return {
      status: "ok",
      message: asDraft ? "Draft saved: nothing changes on the endpoint until an ML lead starts it." : "Rollout started: the first step is being applied to the endpoint.",
      fieldErrors: {},
      href: `/rollouts/${rollout.id}`,
    };
  });
}

/** A draft's page: an MLLead starts it, or its drafter or an MLLead discards it, by the button pressed. */
export async function decideDraftAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runFormAction(async ({ ctx, services }) => {
    const discard = formText(form, "intent") === "discard";
    const input = { rolloutId: formText(form, "rolloutId"), expectedRevision: formText(form, "expectedRevision"), idempotencyKey: formText(form, "idempotencyKey") };
    const { rollout, replayed } = discard ? await discardDraftedRollout(ctx, input, services) : await startDraftedRollout(ctx, input, services);
    revalidatePath(`/rollouts/${rollout.id}`);
    revalidatePath("/rollouts");
    const message = replayed ? "Already done." : discard ? "Draft discarded." : "Rollout started: the first step is being applied to the endpoint.";
    return { status: "ok", message, fieldErrors: {}, href: `/rollouts/${rollout.id}` };
  });
}

/** A rollout's controls: advance, pause, resume, roll back, abort, re-apply, adopt, auto mode. */
export async function actOnRolloutAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runFormAction(async ({ ctx, services }) => {
    const input = {
      rolloutId: formText(form, "rolloutId"),
      action: formText(form, "action"),
      expectedRevision: formText(form, "expectedRevision"),
      reason: formText(form, "reason"),
      idempotencyKey: formText(form, "idempotencyKey"),
    };
    const { rollout, replayed } = await actOnRollout(ctx, input, services);
    revalidatePath(`/rollouts/${rollout.id}`);
    revalidatePath("/rollouts");
    const changesTraffic = rollout.appliedRevision !== rollout.revision;
    const message = replayed ? "Already done." : changesTraffic ? "Done. The new traffic is being applied to the endpoint in the background." : "Done.";
    return { status: "ok", message, fieldErrors: {}, href: `/rollouts/${rollout.id}` };
  });
}
