import Link from "next/link";
import { requirePageContext } from "@/lib/auth/request-context";
import { currentReadiness } from "@/lib/health/current-readiness";

const AREAS = [
  ["/models", "Models", "the MLflow registry: versions, lineage from data to deployment, the promotion policy against the champion", "registry:read"],
  ["/experiments", "Experiments", "runs with MLflow's filter grammar, sortable, with metric history charts", "lineage:read"],
  ["/approvals", "Approvals", "promotion requests, decisions with evidence, and the alias each approval set in MLflow", "registry:read"],
  ["/audit", "Audit trail", "every decision and change, hash-chained, filterable and exportable as CSV", "audit:read"],
  ["/admin/policy", "Promotion policy", "the rules, quorum and expiry every promotion is judged by, versioned", "policy:edit"],
] as const;

const COMING = [
  ["Canary rollouts", "shadow, then 10/25/50/100% on Azure ML online endpoints, gated on live metrics"],
  ["Monitoring, KPIs and cost", "drift, lift, SLO error budgets, cost per experiment and per 1k predictions"],
] as const;

export default async function OverviewPage() {
  const context = await requirePageContext("/");
  const readiness = await currentReadiness();
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="mt-1 max-w-3xl text-ink-muted">
          Stagegate is the control plane for machine learning in production on Azure: it reads MLflow, Azure Monitor,
          Cost Management and Azure ML endpoints, and records every promotion and rollout decision in its own database
          with an audit trail that cannot be edited.
        </p>
      </section>

      <section aria-labelledby="available-now">
        <h2 id="available-now" className="text-lg font-semibold">
          Available now
        </h2>
        <ul className="mt-2 list-disc pl-6">
          {AREAS.filter((area) => context.permissions.has(area[3])).map(([href, name, what]) => (
            <li key={href}>
              <Link href={href} className="text-accent underline">
                {name}
              </Link>
              : {what}
            </li>
          ))}
          <li>
            <Link href="/status" className="text-accent underline">
              System status
            </Link>
            : the database (
            <span data-testid="overview-database-kind">
              {readiness.database.kind === "embedded" ? "embedded" : "PostgreSQL"}
            </span>
            , {readiness.database.reachable ? "reachable" : "unreachable"}) and {readiness.upstreams.length} configured
            upstream service{readiness.upstreams.length === 1 ? "" : "s"}.
          </li>
        </ul>
      </section>

      <section aria-labelledby="not-yet">
        <h2 id="not-yet" className="text-lg font-semibold">
          Not built yet
        </h2>
        <p className="text-ink-muted">These areas appear in the navigation as they ship.</p>
        <ul className="mt-2 grid gap-3 sm:grid-cols-2">
          {COMING.map(([name, what]) => (
            <li key={name} className="rounded-lg border border-line p-4">
              <p className="font-medium">{name}</p>
              <p className="text-sm text-ink-muted">{what}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
