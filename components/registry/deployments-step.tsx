import { AsOf } from "@/components/feedback/as-of";
import type { DeploymentView, DeploymentsView } from "@/lib/registry/registry-views";
import { VersionLink } from "./alias-badges";
import { Notice } from "./notice";

function trafficText(deployment: DeploymentView): string {
  const mirror = deployment.mirrorPercent > 0 ? `, ${deployment.mirrorPercent}% mirrored (shadow)` : "";
  return `${deployment.livePercent}% of live traffic${mirror}`;
}

function DeploymentCard({ deployment }: { deployment: DeploymentView }) {
  const instances = deployment.instanceType ? `${deployment.instanceCount ?? "?"} × ${deployment.instanceType}` : null;
  return (
    <li className="rounded border border-line bg-surface p-3" data-testid="lineage-deployment" data-endpoint={deployment.endpoint} data-deployment={deployment.deployment}>
      <h3 className="text-base font-semibold">
        <a href={deployment.studioUrl} className="break-all text-accent underline" rel="noopener noreferrer">
          {deployment.endpoint} / {deployment.deployment}
          <span className="sr-only"> (opens Azure ML studio)</span>
        </a>
      </h3>
      <p className="text-sm">{trafficText(deployment)}</p>
      <p className="text-sm text-ink-muted">
        {[deployment.provisioningState, instances].filter(Boolean).join(" · ")}
        {deployment.modelReference && (
          <>
            {" · "}
            <code className="font-mono text-xs">{deployment.modelReference}</code>
          </>
        )}
      </p>
    </li>
  );
}

/** The Azure ML online deployments serving this version, and those serving the model's other versions. */
export function DeploymentsStep({ name, version, deployments }: { name: string; version: string; deployments: DeploymentsView }) {
  if (deployments.state === "not-configured") return <p className="text-sm text-ink-muted">{deployments.message}</p>;
  if (deployments.state === "unavailable") {
    return (
      <Notice tone="warn" testId="deployments-unavailable">
        Azure Resource Manager did not answer, so the deployments are unknown right now: {deployments.message}
      </Notice>
    );
  }
  return (
    <div className="space-y-2">
      {deployments.serving.length === 0 ? (
        <p className="text-sm" data-testid="no-deployment">
          No Azure ML online deployment serves version {version}.
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {deployments.serving.map((deployment) => (
            <DeploymentCard key={`${deployment.endpoint}/${deployment.deployment}`} deployment={deployment} />
          ))}
        </ul>
      )}
      {deployments.otherVersions.length > 0 && (
        <div className="text-sm">
          <p className="text-ink-muted">Other versions of {name} deployed:</p>
          <ul className="list-disc pl-6" data-testid="other-deployments">
            {deployments.otherVersions.map((deployment) => (
              <li key={`${deployment.endpoint}/${deployment.deployment}`}>
                <a href={deployment.studioUrl} className="text-accent underline" rel="noopener noreferrer">
                  {deployment.endpoint} / {deployment.deployment}
                </a>{" "}
                serves {deployment.servedVersion ? <VersionLink model={name} version={deployment.servedVersion} /> : <code className="font-mono text-xs">{deployment.modelReference}</code>} ({trafficText(deployment)})
              </li>
            ))}
          </ul>
        </div>
      )}
      <AsOf source="Azure Resource Manager" asOf={deployments.asOf} staleBecause={deployments.staleBecause} />
    </div>
  );
}
