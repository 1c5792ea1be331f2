"use server";
import { revalidatePath } from "next/cache";
import { actionFailure, SIGNED_OUT } from "@/app/_components/action-result";
import { getRequestContext } from "@/lib/auth/request-context";
import { actOnRollout } from "@/lib/rollouts/act-on-rollout";
import { rolloutDeps } from "@/lib/rollouts/default-deps";
import { discardDraftedRollout } from "@/lib/rollouts/discard-drafted-rollout";
import { draftRollout } from "@/lib/rollouts/draft-rollout";
import { startDraftedRollout } from "@/lib/rollouts/start-drafted-rollout";
import { startRollout } from "@/lib/rollouts/start-rollout";
import type { ActionState } from "@/lib/ui/action-state";

function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/** The plan form: "Start the rollout" (MLLead) or "Save as draft" (MLEngineer or MLLead), by the button pressed. */
export async function planRolloutAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await getRequestContext();
  if (!ctx) return SIGNED_OUT;
  const asDraft = field(form, "intent") === "draft";
  try {
    const input = {
      promotionRequestId: field(form, "promotionRequestId"),
      endpoint: field(form, "endpoint"),
      baselineDeployment: field(form, "baselineDeployment"),
      candidateDeployment: field(form, "candidateDeployment"),
      templateName: field(form, "templateName"),
      autoMode: field(form, "autoMode") ?? false,
      idempotencyKey: field(form, "idempotencyKey"),
    };
    const { rollout } = asDraft ? await draftRollout(ctx, input, await rolloutDeps()) : await startRollout(ctx, input, await rolloutDeps());
    revalidatePath("/rollouts");
    return {
      status: "ok",
      message: asDraft ? "Draft saved: nothing changes on the endpoint until an ML lead starts it." : "Rollout started: the first step is being applied to the endpoint.",
      fieldErrors: {},
      href: `/rollouts/${rollout.id}`,
    };
  } catch (error) {
    return actionFailure(error);
  }
}

/** A draft's page: an MLLead starts it, or its drafter or an MLLead discards it, by the button pressed. */
export async function decideDraftAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await getRequestContext();
  if (!ctx) return SIGNED_OUT;
  const discard = field(form, "intent") === "discard";
  try {
    const input = { rolloutId: field(form, "rolloutId"), expectedRevision: field(form, "expectedRevision"), idempotencyKey: field(form, "idempotencyKey") };
    const { rollout, replayed } = discard ? await discardDraftedRollout(ctx, input, await rolloutDeps()) : await startDraftedRollout(ctx, input, await rolloutDeps());
    revalidatePath(`/rollouts/${rollout.id}`);
    revalidatePath("/rollouts");
    const message = replayed ? "Already done." : discard ? "Draft discarded." : "Rollout started: the first step is being applied to the endpoint.";
    return { status: "ok", message, fieldErrors: {}, href: `/rollouts/${rollout.id}` };
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
    const changesTraffic = rollout.appliedRevision !== rollout.revision;
    const message = replayed ? "Already done." : changesTraffic ? "Done. The new traffic is being applied to the endpoint in the background." : "Done.";
    return { status: "ok", message, fieldErrors: {}, href: `/rollouts/${rollout.id}` };
  } catch (error) {
    return actionFailure(error);
  }
}
