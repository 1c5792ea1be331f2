"use client";
import { useQuery } from "@tanstack/react-query";
import type { LiveEndpointStats } from "@/lib/rollouts/telemetry/read-live-endpoint-stats";
import { fetchJson } from "@/lib/ui/fetch-json";
import { formatUtc } from "@/lib/ui/format";

const percent = (rate: number | null) => (rate === null ? "—" : `${Number((rate * 100).toFixed(2))} %`);

/**
 * Request rate, p95 and error rate per deployment over the last 15 minutes: the server's reading
 * first, then refreshed every 15 s while the tab is visible.
 */
export function LiveEndpointStats({ endpoint, initial, initialProblem }: { endpoint: string; initial: LiveEndpointStats | null; initialProblem: string | null }) {
  const query = useQuery({
    queryKey: ["live-endpoint", endpoint],
    queryFn: () => fetchJson<LiveEndpointStats>(`/api/rollouts/endpoints/${encodeURIComponent(endpoint)}/live`),
    initialData: initial ?? undefined,
    // The server's reading counts from when Log Analytics produced it: refetched at once only if older than an interval.
    initialDataUpdatedAt: initial ? Date.parse(initial.asOf) : undefined,
    staleTime: 15_000,
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
  });
  if (query.isPending) {
    return <p role="status" className="text-sm text-ink-muted">{initialProblem ? `Live traffic is not available: ${initialProblem} Retrying…` : "Loading live traffic from Azure Monitor…"}</p>;
  }
  if (query.isError) return <p role="status" className="text-sm text-bad">Live traffic is not available: {query.error.message} Retrying every 15 s.</p>;
  const stats = query.data;
  const minutes = (Date.parse(stats.window.to) - Date.parse(stats.window.from)) / 60_000;
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid={`live-${endpoint}`}>
      <caption className="pb-1 text-left text-ink-muted">
        Live traffic of {endpoint}, last {minutes} minutes (as of <time dateTime={stats.asOf}>{formatUtc(stats.asOf)}</time>{stats.staleBecause ? `; Log Analytics not answering: ${stats.staleBecause}` : ""})
      </caption>
      <thead>
        <tr className="border-b border-line text-ink-muted">
          <th scope="col" className="py-1 pr-4 font-medium">Deployment</th>
          <th scope="col" className="py-1 pr-4 text-right font-medium">Requests / min</th>
          <th scope="col" className="py-1 pr-4 text-right font-medium">p95</th>
          <th scope="col" className="py-1 pr-4 text-right font-medium">Error rate</th>
          <th scope="col" className="py-1 text-right font-medium">Mirrored / min</th>
        </tr>
      </thead>
      <tbody>
        {stats.deployments.map((deployment) => (
          <tr key={deployment.deployment} className="border-b border-line">
            <th scope="row" className="py-1 pr-4 font-mono font-normal">{deployment.deployment}</th>
            <td className="py-1 pr-4 text-right tabular-nums">{Math.round(deployment.live.requests / minutes)}</td>
            <td className="py-1 pr-4 text-right tabular-nums">{deployment.live.p95Ms === null ? "—" : `${Math.round(deployment.live.p95Ms)} ms`}</td>
            <td className="py-1 pr-4 text-right tabular-nums">{percent(deployment.live.errorRate)}</td>
            <td className="py-1 text-right tabular-nums">{Math.round(deployment.mirrored.requests / minutes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
