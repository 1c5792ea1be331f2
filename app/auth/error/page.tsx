import type { Metadata } from "next";
import { ProblemPanel } from "@/components/feedback/problem-panel";
import { currentRequestId } from "@/lib/log/request-logger";

export const metadata: Metadata = { title: "Sign-in failed" };

const EXPLANATIONS: Record<string, { title: string; text: string }> = {
  tenant_not_allowed: {
    title: "Your organization cannot use this Stagegate",
    text: "You signed in with an account from another Microsoft Entra ID tenant. Sign in with your account in this organization's tenant, or ask its administrators for a guest account.",
  },
  state_mismatch: { title: "Sign-in could not be completed", text: "The sign-in did not start in this browser, or it was already used. Start again." },
  expired: { title: "Sign-in took too long", text: "The sign-in expired before it finished. Start again." },
  entra_error: { title: "Microsoft Entra ID refused the sign-in", text: "Entra ID did not complete the sign-in. Start again; if it keeps failing, ask your administrator to check Stagegate's app registration." },
  token_rejected: { title: "Sign-in could not be verified", text: "The identity token from Entra ID failed Stagegate's checks. Start again; if it keeps failing, send the request id to your administrator." },
  not_configured: { title: "Sign-in is not configured", text: "This Stagegate has no Entra ID settings yet. An administrator must set ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET, ENTRA_AUTHORITY_HOST and APP_BASE_URL." },
  unavailable: {
    title: "Sign-in is unavailable right now",
    text: "Stagegate could not reach Microsoft Entra ID or its own database to sign you in. Try again in a moment; if it keeps failing, send the request id to your administrator.",
  },
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const explanation = EXPLANATIONS[reason ?? ""] ?? EXPLANATIONS.unavailable!;
  return (
    <ProblemPanel
      title={explanation.title}
      requestId={await currentRequestId()}
      action={
        <a href="/auth/sign-in" className="rounded bg-accent px-3 py-1.5 text-accent-ink">
          Sign in again
        </a>
      }
    >
      <p data-testid="sign-in-error">{explanation.text}</p>
    </ProblemPanel>
  );
}
