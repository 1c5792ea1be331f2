import type { Readiness } from "@/lib/health/check-readiness";

function StateBadge({ ok }: { ok: boolean }) {
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${ok ? "bg-ok-bg text-ok" : "bg-bad-bg text-bad"}`}
    >
      {ok ? "Reachable" : "Unreachable"}
    </span>
  );
}

const DATABASE_LABEL = { embedded: "Embedded PostgreSQL (PGlite)", postgresql: "PostgreSQL" } as const;

export function ReadinessTable({ readiness }: { readiness: Readiness }) {
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid="readiness-table">
      <caption className="sr-only">Dependencies and whether Stagegate can reach them</caption>
      <thead>
        <tr className="border-b border-line text-ink-muted">
          <th scope="col" className="py-2 pr-4 font-medium">
            Dependency
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            State
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            Round trip
          </th>
          <th scope="col" className="py-2 font-medium">
            Detail
          </th>
        </tr>
      </thead>
      <tbody>
        <tr className="border-b border-line">
          <th scope="row" className="py-2 pr-4 font-medium" data-testid="database-kind">
            Database: {DATABASE_LABEL[readiness.database.kind]}
          </th>
          <td className="py-2 pr-4">
            <StateBadge ok={readiness.database.reachable} />
          </td>
          <td className="py-2 pr-4 tabular-nums">{readiness.database.roundTripMs} ms</td>
          <td className="py-2 text-ink-muted">{readiness.database.detail ?? "—"}</td>
        </tr>
        {readiness.upstreams.map((upstream) => (
          <tr key={upstream.name} className="border-b border-line">
            <th scope="row" className="py-2 pr-4 font-medium">
              {upstream.name} <span className="font-normal text-ink-muted">({upstream.origin})</span>
            </th>
            <td className="py-2 pr-4">
              <StateBadge ok={upstream.reachable} />
            </td>
            <td className="py-2 pr-4 tabular-nums">{upstream.roundTripMs} ms</td>
            <td className="py-2 text-ink-muted">{upstream.detail ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
