import type { Metadata } from "next";
import { ReadinessTable } from "@/components/status/readiness-table";
import { NotPermitted } from "@/components/feedback/not-permitted";
import { AuthorizationError } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/request-context";
import { readSystemStatus } from "@/lib/health/read-system-status";

export const metadata: Metadata = { title: "System status" };

export default async function StatusPage() {
  const context = await requirePageContext("/status");
  let readiness;
  try {
    readiness = await readSystemStatus(context);
  } catch (error) {
    if (error instanceof AuthorizationError) return <NotPermitted message={error.message} />;
    throw error;
  }
  return (
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
  );
}
