// Which model version an Azure ML online deployment serves, read from its `properties.model`:
// a short asset id (`azureml:churn_xgb:7`, `azureml:churn_xgb@latest`), a full ARM id
// (`/subscriptions/…/workspaces/ws/models/churn_xgb/versions/7`), or an azureml:// URI of a
// workspace or registry model. Pure, so every form is tested.

export interface DeploymentModelRef {
  name: string;
  /** Null when the deployment names a label (`@latest`) instead of a version. */
  version: string | null;
  label: string | null;
  /** Set for models from an Azure ML registry rather than the workspace's own registry. */
  registry: string | null;
}

const ASSET_PATH = /\/models\/([^/]+)\/versions\/([^/?#]+)/i;
const REGISTRY = /^\/\/registries\/([^/]+)\//i;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The model a deployment's `properties.model` points at, or null when it names none we can read. */
export function parseDeploymentModel(reference: string | null | undefined): DeploymentModelRef | null {
  const text = reference?.trim();
  if (!text) return null;
  const body = text.replace(/^azureml:/i, "");
  if (body.startsWith("/")) {
    const path = ASSET_PATH.exec(body);
    if (!path) return null;
    const registry = REGISTRY.exec(body)?.[1];
    return { name: decode(path[1]!), version: decode(path[2]!), label: null, registry: registry ? decode(registry) : null };
  }
  const labelled = /^([^:@/]+)@([^:@/]+)$/.exec(body);
  if (labelled) return { name: labelled[1]!, version: null, label: labelled[2]!, registry: null };
  const versioned = /^([^:@/]+):([^:@/]+)$/.exec(body);
  if (versioned) return { name: versioned[1]!, version: versioned[2]!, label: null, registry: null };
  return null;
}

/** Whether the reference is this workspace's model `name` at `version` (versions compare as numbers: 07 = 7). */
export function servesModelVersion(ref: DeploymentModelRef | null, name: string, version: string): boolean {
  if (!ref || ref.registry !== null || ref.version === null || ref.name !== name) return false;
  return ref.version === version || (/^\d+$/.test(ref.version) && /^\d+$/.test(version) && Number(ref.version) === Number(version));
}
