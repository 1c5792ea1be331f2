import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { ReadinessTable } from "@/components/status/readiness-table";
import { requirePageContext } from "@/lib/auth/request-context";
import { readSystemStatus } from "@/lib/health/read-system-status";
import { requestServices } from "@/lib/services/request-services";

export const metadata: Metadata = { title: "System status" };

export default async function StatusPage() {
  const ctx = await requirePageContext("/status");
  const services = await requestServices();
  return renderVerb(
    () => readSystemStatus(ctx, {}, services),
    (readiness) => (
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold">System status</h1>
          <p className="text-ink-muted">
            What this Stagegate replica depends on, checked just now (as of{" "}
            <time dateTime={readiness.checkedAt}>{readiness.checkedAt.replace("T", " ").slice(0, 19)} UTC</time>). The
            same data is served as JSON at <a className="text-accent underline" href="/api/readyz">/api/readyz</a>.
          </p>
        </div>
        {readiness.upstreams.length === 0 && (
          <p className="rounded border border-line bg-surface-raised p-3 text-sm">
            No upstream services are configured yet. Set the MLflow, Entra ID and Azure endpoints (see .env.example) to
            see them here.
          </p>
        )}
        <ReadinessTable readiness={readiness} />
      </div>
    ),
  );
}
