import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { PolicyEditor } from "@/components/policy/policy-editor";
import { requirePageContext } from "@/lib/auth/request-context";
import { describeRule } from "@/lib/domain/promotion-policy";
import { readPolicyForEditing } from "@/lib/policy/read-policy";
import { requestServices } from "@/lib/services/request-services";
import { formatUtc } from "@/lib/ui/format";
import { updatePolicyAction } from "./actions";
import { PageSection } from "@/components/layout/page-section";

export const metadata: Metadata = { title: "Promotion policy" };

export default async function PolicyPage() {
  const ctx = await requirePageContext("/admin/policy");
  const services = await requestServices();
  return renderVerb(
    () => readPolicyForEditing(ctx, {}, services),
    ({ current, history }) => (
      <div className="space-y-8">
        <div>
          <h1 className="text-2xl font-semibold">Promotion policy</h1>
          <p className="text-ink-muted">
            Version {current.version}, saved by {current.createdByName} at {formatUtc(current.createdAt)}: {current.changeNote}. Every decision records the
            version it was made under; saving creates a new version and never changes an old one.
          </p>
        </div>
        <PolicyEditor action={updatePolicyAction} version={current.version} content={current.content} idempotencyKey={randomUUID()} />
        <PageSection id="history" title="Versions">
          <ol className="space-y-2 text-sm" data-testid="policy-history">
            {history.map((policy) => (
              <li key={policy.version} className="rounded border border-line p-2">
                <strong>v{policy.version}</strong> by {policy.createdByName}, {formatUtc(policy.createdAt)}: {policy.changeNote}
                <span className="block font-mono text-xs text-ink-muted">
                  {policy.content.rules.map(describeRule).join("; ")}; quorum {policy.content.quorum}; expiry {policy.content.requestTtlDays} d
                </span>
              </li>
            ))}
          </ol>
        </PageSection>
      </div>
    ),
  );
}
