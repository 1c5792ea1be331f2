// ARM's churn-endpoint in memory for the rollout tests: blue serves churn_xgb v6 and green the
// version `greenServes` says (v7), the live split as the last PUT left it, PUTs that fail first
// when asked (500, then 429, as ARM does under trouble); and the Log Analytics rows that make the
// judge see the given baseline and candidate.
import type { ArmStats } from "@/lib/domain/canary-judge";
import type { TrafficSplit } from "@/lib/domain/rollout-plan";
import { UpstreamError } from "@/lib/errors/upstream-error";
import type { AzureMlClient, OnlineDeploymentInfo, OnlineEndpointInfo } from "@/lib/sources/azure-ml/azure-ml-client";

export class FakeEndpoint {
  readonly name = "churn-endpoint";
  split: TrafficSplit = { traffic: { blue: 100, green: 0 }, mirrorTraffic: {} };
  greenServes = "7";
  puts = 0;
  /** That many PUTs fail before one succeeds. */
  failures = 0;

  private info(): OnlineEndpointInfo {
    return { name: this.name, ...this.split, provisioningState: "Succeeded" } as OnlineEndpointInfo;
  }

  private deployments(): OnlineDeploymentInfo[] {
    const deployment = (name: string, version: string) => ({ name, endpointName: this.name, model: `azureml:churn_xgb:${version}`, provisioningState: "Succeeded" }) as OnlineDeploymentInfo;
    return [deployment("blue", "6"), deployment("green", this.greenServes)];
  }

  client(): AzureMlClient {
    return {
      getOnlineEndpoint: async () => this.info(),
      listOnlineEndpoints: async () => [this.info()],
      listOnlineDeployments: async () => this.deployments(),
      setTraffic: async (_endpoint: string, split: TrafficSplit) => {
        if (this.failures > 0) {
          this.failures--;
          const throttled = this.failures % 2 === 0;
          throw new UpstreamError("Azure Resource Manager", throttled ? "ARM answered 429 (Retry-After 1)" : "ARM answered 500", throttled ? 429 : 500, "HTTP", true);
        }
        this.puts++;
        this.split = split;
      },
    } as unknown as AzureMlClient;
  }
}

/** Log Analytics' deploymentStats rows for a baseline (blue) and a candidate (green, live and mirrored alike). */
export function deploymentStatsRows(baseline: ArmStats, candidate: ArmStats): Record<string, unknown>[] {
  const row = (deployment: string, traffic: "live" | "mirrored", stats: ArmStats) => ({
    Deployment: deployment,
    Traffic: traffic,
    Requests: stats.requests,
    Failures: stats.failures,
    P95Ms: stats.p95Ms,
    SampledRows: stats.latencySamples,
  });
  return [row("blue", "live", baseline), row("green", "live", candidate), row("green", "mirrored", candidate)];
}
