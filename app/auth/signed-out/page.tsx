import type { Metadata } from "next";
import { ProblemPanel } from "@/components/feedback/problem-panel";

export const metadata: Metadata = { title: "Signed out" };

export default async function SignedOutPage({ searchParams }: { searchParams: Promise<{ entra?: string }> }) {
  const entraUnreachable = (await searchParams).entra === "unreachable";
  return (
    <ProblemPanel
      title="You are signed out"
      action={
        <a href="/auth/sign-in" className="rounded bg-accent px-3 py-1.5 text-accent-ink">
          Sign in
        </a>
      }
    >
      <p>
        {entraUnreachable
          ? "Your Stagegate session has ended. Microsoft Entra ID could not be reached, so your Entra session may still be active: close the browser to end it."
          : "Your Stagegate session has ended, and so has your Microsoft Entra ID session for it."}
      </p>
    </ProblemPanel>
  );
}
