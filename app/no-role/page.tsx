import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProblemPanel } from "@/components/feedback/problem-panel";
import { getRequestContext, hasAnyPagePermission } from "@/lib/auth/request-context";
import { ROLES } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Ask for a role" };

const WHAT_EACH_ROLE_DOES: Record<string, string> = {
  "Stagegate.Viewer": "read the registry, lineage, rollouts and monitoring",
  "Stagegate.MLEngineer": "also request promotions and draft rollout plans",
  "Stagegate.MLLead": "also approve promotions and run rollouts",
  "Stagegate.ProductOwner": "read KPI and ROI pages",
  "Stagegate.FinOps": "read cost pages",
  "Stagegate.Admin": "edit promotion policy, SLOs and rollout templates",
};

export default async function NoRolePage() {
  const context = await getRequestContext();
  if (!context) redirect("/auth/sign-in?returnTo=/");
  if (hasAnyPagePermission(context)) redirect("/");
  return (
    <ProblemPanel title="You need a Stagegate role">
      <p>
        You are signed in as {context.user.name}, but your account has no Stagegate role yet. Ask whoever manages
        Stagegate&apos;s app roles in Microsoft Entra ID to assign you one of these:
      </p>
      <ul className="mt-3 list-disc pl-6" data-testid="roles-to-ask-for">
        {ROLES.filter((role) => role in WHAT_EACH_ROLE_DOES).map((role) => (
          <li key={role}>
            <span className="font-mono">{role}</span>: {WHAT_EACH_ROLE_DOES[role]}
          </li>
        ))}
      </ul>
    </ProblemPanel>
  );
}
