"use server";
import { revalidatePath } from "next/cache";
import { formText, runFormAction } from "@/app/_components/action-result";
import { decidePromotion } from "@/lib/promotions/decide-promotion";
import { requestPromotion } from "@/lib/promotions/request-promotion";
import type { ActionState } from "@/lib/ui/action-state";

function versionPath(model: string, version: string): string {
  return `/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;
}

export async function requestPromotionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runFormAction(async ({ ctx, services }) => {
    const { request, replayed } = await requestPromotion(
      ctx,
      { model: formText(form, "model"), version: formText(form, "version"), targetAlias: formText(form, "targetAlias"), rationale: formText(form, "rationale"), idempotencyKey: formText(form, "idempotencyKey") },
      services,
    );
    revalidatePath(versionPath(request.modelName, request.modelVersion));
    revalidatePath("/approvals");
    return { status: "ok", message: replayed ? "This request was already submitted." : "Promotion requested. An ML lead other than you will decide it.", fieldErrors: {}, href: `/approvals/${request.id}` };
  });
}

export async function decidePromotionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runFormAction(async ({ ctx, services }) => {
    const { decision, replayed } = await decidePromotion(
      ctx,
      { requestId: formText(form, "requestId"), outcome: formText(form, "outcome"), comment: formText(form, "comment"), overrideReason: formText(form, "overrideReason"), idempotencyKey: formText(form, "idempotencyKey") },
      services,
    );
    revalidatePath(`/approvals/${decision.requestId}`);
    revalidatePath("/approvals");
    const verb = decision.outcome === "approve" ? "Approved" : "Rejected";
    return { status: "ok", message: replayed ? `${verb} already; nothing more to do.` : `${verb}. The decision and its evidence are recorded.`, fieldErrors: {}, href: `/approvals/${decision.requestId}` };
  });
}
