// Names and ids of the emulated Azure estate, derived from the seed so that they are stable.
import { SeededRandom } from "./random";

export interface ScenarioIdentity {
  tenantId: string;
  /** A second tenant: its user must be refused by Stagegate. */
  otherTenantId: string;
  /** Stagegate's own app registration (confidential client). */
  clientId: string;
  clientSecret: string;
  /** Audience of access tokens for Stagegate's pipeline API. */
  appIdUri: string;
  /** A CI application holding the Stagegate.Pipeline role. */
  pipelineClient: { clientId: string; clientSecret: string };
  subscriptionId: string;
  resourceGroup: string;
  workspace: string;
  location: string;
  logAnalyticsWorkspaceId: string;
  costScope: string;
}

export function scenarioIdentity(seed: string): ScenarioIdentity {
  const random = new SeededRandom(seed, "identity");
  const tenantId = random.guid();
  const otherTenantId = random.guid();
  const clientId = random.guid();
  const subscriptionId = random.guid();
  return {
    tenantId,
    otherTenantId,
    clientId,
    clientSecret: `sg-demo-secret-${random.hex(24)}`,
    appIdUri: `api://${clientId}`,
    pipelineClient: { clientId: random.guid(), clientSecret: `sg-pipeline-secret-${random.hex(24)}` },
    subscriptionId,
    resourceGroup: "rg-ml-prod",
    workspace: "mlw-telco-prod",
    location: "westeurope",
    logAnalyticsWorkspaceId: random.guid(),
    costScope: `subscriptions/${subscriptionId}`,
  };
}
