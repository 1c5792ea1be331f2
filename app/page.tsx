import Link from "next/link";
import { requirePageContext } from "@/lib/auth/request-context";
import { currentReadiness } from "@/lib/health/current-readiness";
import { COMING_AREAS, navigationFor } from "@/lib/ui/navigation";

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
          {navigationFor(context.permissions)
            .filter((area) => area.description)
            .map(({ href, label, description }) => (
              <li key={href}>
                <Link href={href} className="text-accent underline">
                  {label}
                </Link>
                : {description}
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
          {COMING_AREAS.map(({ name, description }) => (
            <li key={name} className="rounded-lg border border-line p-4">
              <p className="font-medium">{name}</p>
              <p className="text-sm text-ink-muted">{description}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
