"use server";
import { revalidatePath } from "next/cache";
import { actionFailure, SIGNED_OUT } from "@/app/_components/action-result";
import { getRequestContext } from "@/lib/auth/request-context";
import { decidePromotion } from "@/lib/promotions/decide-promotion";
import { promotionDeps } from "@/lib/promotions/default-deps";
import { requestPromotion } from "@/lib/promotions/request-promotion";
import type { ActionState } from "@/lib/ui/action-state";

function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

function versionPath(model: string, version: string): string {
  return `/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;
}

export async function requestPromotionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await getRequestContext();
  if (!ctx) return SIGNED_OUT;
  try {
    const { request, replayed } = await requestPromotion(
      ctx,
      { model: field(form, "model"), version: field(form, "version"), targetAlias: field(form, "targetAlias"), rationale: field(form, "rationale"), idempotencyKey: field(form, "idempotencyKey") },
      await promotionDeps(),
    );
    revalidatePath(versionPath(request.modelName, request.modelVersion));
    revalidatePath("/approvals");
    return { status: "ok", message: replayed ? "This request was already submitted." : "Promotion requested. An ML lead other than you will decide it.", fieldErrors: {}, href: `/approvals/${request.id}` };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function decidePromotionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await getRequestContext();
  if (!ctx) return SIGNED_OUT;
  try {
    const { decision, replayed } = await decidePromotion(
      ctx,
      { requestId: field(form, "requestId"), outcome: field(form, "outcome"), comment: field(form, "comment"), overrideReason: field(form, "overrideReason"), idempotencyKey: field(form, "idempotencyKey") },
      await promotionDeps(),
    );
    revalidatePath(`/approvals/${decision.requestId}`);
    revalidatePath("/approvals");
    const verb = decision.outcome === "approve" ? "Approved" : "Rejected";
    return { status: "ok", message: replayed ? `${verb} already; nothing more to do.` : `${verb}. The decision and its evidence are recorded.`, fieldErrors: {}, href: `/approvals/${decision.requestId}` };
  } catch (error) {
    return actionFailure(error);
  }
}
