/** An endpoint and its deployments as ARM reports them (plain data). */
export interface EndpointFleet {
  endpoint: { name: string; provisioningState: string | null; traffic: Record<string, number>; mirrorTraffic: Record<string, number> };
  deployments: { name: string; model: string | null; provisioningState: string | null }[];
}

/** One endpoint's deployments: what each serves, its live and mirrored share, its state. */
export function EndpointFleetTable({ fleet }: { fleet: EndpointFleet }) {
  const { endpoint, deployments } = fleet;
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid={`endpoint-${endpoint.name}`}>
      <caption className="pb-1 text-left font-semibold">
        {endpoint.name} <span className="font-normal text-ink-muted">({endpoint.provisioningState ?? "unknown state"})</span>
      </caption>
      <thead>
        <tr className="border-b border-line text-ink-muted">
          <th scope="col" className="py-2 pr-4 font-medium">Deployment</th>
          <th scope="col" className="py-2 pr-4 font-medium">Serves</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Live traffic</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Mirrored</th>
          <th scope="col" className="py-2 font-medium">Provisioning</th>
        </tr>
      </thead>
      <tbody>
        {deployments.map((deployment) => (
          <tr key={deployment.name} className="border-b border-line" data-deployment={deployment.name}>
            <th scope="row" className="py-2 pr-4 font-mono font-normal">{deployment.name}</th>
            <td className="py-2 pr-4 font-mono">{deployment.model ?? "—"}</td>
            <td className="py-2 pr-4 text-right tabular-nums" data-testid="traffic">{endpoint.traffic[deployment.name] ?? 0}%</td>
            <td className="py-2 pr-4 text-right tabular-nums" data-testid="mirror">{endpoint.mirrorTraffic[deployment.name] ?? 0}%</td>
            <td className="py-2">{deployment.provisioningState ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
