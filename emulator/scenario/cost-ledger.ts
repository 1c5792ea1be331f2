// Daily Azure costs of the ML estate, generated per day from the seed: training compute tagged
// with the MLflow experiment id (two experiments left untagged), online endpoint deployments
// tagged by endpoint and deployment, shared services, and a reserved-instance purchase whose
// amortized cost is spread over the month.
import type { Clock } from "./clock";
import { DAY_MS } from "./clock";
import type { EndpointFleet } from "./endpoint-fleet";
import type { ScenarioIdentity } from "./identity";
import { SeededRandom } from "./random";

export interface CostRow {
  date: Date;
  resourceId: string;
  resourceGroupName: string;
  resourceType: string;
  resourceLocation: string;
  serviceName: string;
  meterCategory: string;
  meterSubcategory: string;
  meter: string;
  chargeType: "Usage" | "Purchase";
  pricingModel: "OnDemand" | "Reservation";
  subscriptionId: string;
  tags: Record<string, string>;
  actualCost: number;
  amortizedCost: number;
}

export const EXPERIMENT_TAG = "mlflow_experiment_id";
/** How many days of cost history exist before the anchor day. */
export const COST_HISTORY_DAYS = 120;

interface CostResource {
  id: string;
  type: string;
  serviceName: string;
  meterCategory: string;
  meterSubcategory: string;
  meter: string;
  tags: Record<string, string>;
  /** Cost of one day for this resource (before noise), or 0 when idle that day. */
  dailyCost: (random: SeededRandom, day: Date) => number;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

export class CostLedger {
  private readonly resources: CostResource[];
  private readonly cache = new Map<number, CostRow[]>();

  constructor(
    private readonly seed: string,
    private readonly clock: Clock,
    private readonly identity: ScenarioIdentity,
    fleet: EndpointFleet,
    experiments: { experimentId: string; name: string }[],
  ) {
    this.resources = [...this.trainingResources(experiments), ...this.servingResources(fleet), ...this.sharedResources()];
  }

  private armId(provider: string, path: string) {
    const { subscriptionId, resourceGroup } = this.identity;
    return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${provider}/${path}`;
  }

  private trainingResources(experiments: { experimentId: string; name: string }[]): CostResource[] {
    return experiments.map((experiment, index) => {
      const slug = experiment.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(-40);
      const untagged = index % 8 === 7; // a couple of experiments whose compute nobody tagged
      const rate = new SeededRandom(this.seed, "training-rate", experiment.experimentId).between(8, 60);
      return {
        id: this.armId("Microsoft.MachineLearningServices", `workspaces/${this.identity.workspace}/computes/train-${slug}`),
        type: "microsoft.machinelearningservices/workspaces/computes",
        serviceName: "Azure Machine Learning",
        meterCategory: "Virtual Machines",
        meterSubcategory: "Dv3/DSv3 Series",
        meter: "D8s v3",
        tags: (untagged ? { environment: "dev" } : { environment: "dev", [EXPERIMENT_TAG]: experiment.experimentId }) as Record<string, string>,
        dailyCost: (random) => (random.chance(0.55) ? rate * random.between(0.3, 1.6) : 0),
      };
    });
  }

  private servingResources(fleet: EndpointFleet): CostResource[] {
    return fleet.names().flatMap((endpointName) =>
      fleet.get(endpointName)!.spec.deployments.map((deployment) => ({
        id: this.armId("Microsoft.MachineLearningServices", `workspaces/${this.identity.workspace}/onlineEndpoints/${endpointName}/deployments/${deployment.name}`),
        type: "microsoft.machinelearningservices/workspaces/onlineendpoints/deployments",
        serviceName: "Azure Machine Learning",
        meterCategory: "Virtual Machines",
        meterSubcategory: deployment.instanceType.includes("F4") ? "FSv2 Series" : "Dv2/DSv2 Series",
        meter: deployment.instanceType.replace("Standard_", ""),
        tags: { environment: "prod", endpoint: endpointName, deployment: deployment.name },
        dailyCost: (random: SeededRandom, day: Date) =>
          day >= new Date(deployment.createdAt.getTime() - (deployment.createdAt.getTime() % DAY_MS))
            ? deployment.instanceCount * 0.48 * 24 * random.between(0.97, 1.03)
            : 0,
      })),
    );
  }

  private sharedResources(): CostResource[] {
    const shared = (provider: string, path: string, serviceName: string, meterCategory: string, meter: string, perDay: number): CostResource => ({
      id: this.armId(provider, path),
      type: `${provider}/${path.split("/")[0]}`.toLowerCase(),
      serviceName,
      meterCategory,
      meterSubcategory: meter,
      meter,
      tags: { environment: "prod" },
      dailyCost: (random) => perDay * random.between(0.9, 1.1),
    });
    return [
      shared("Microsoft.Storage", "storageAccounts/telcomlprod", "Storage", "Storage", "Hot LRS Data Stored", 6.5),
      shared("Microsoft.OperationalInsights", "workspaces/law-ml-prod", "Log Analytics", "Log Analytics", "Analysis Logs Data Ingestion", 14),
      shared("Microsoft.ContainerRegistry", "registries/telcomlacr", "Container Registry", "Container Registry", "Premium Registry Unit", 1.67),
    ];
  }

  /** The reserved instances behind the serving VMs: paid on the 1st, amortized daily. */
  private reservationRow(day: Date): CostRow {
    const monthDays = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
    const monthlyPrice = 720;
    return this.row(day, {
      id: `/providers/Microsoft.Capacity/reservationOrders/${this.identity.subscriptionId.slice(0, 8)}-ri/reservations/serving-vms`,
      type: "microsoft.capacity/reservationorders",
      serviceName: "Virtual Machines",
      meterCategory: "Virtual Machines",
      meterSubcategory: "Reservation",
      meter: "D4s v3 1 Year",
      tags: { environment: "prod" },
      dailyCost: () => 0,
    }, day.getUTCDate() === 1 ? monthlyPrice : 0, monthlyPrice / monthDays, "Purchase", "Reservation");
  }

  private row(day: Date, resource: CostResource, actual: number, amortized: number, chargeType: CostRow["chargeType"] = "Usage", pricingModel: CostRow["pricingModel"] = "OnDemand"): CostRow {
    return {
      date: day,
      resourceId: resource.id,
      resourceGroupName: this.identity.resourceGroup,
      resourceType: resource.type,
      resourceLocation: this.identity.location,
      serviceName: resource.serviceName,
      meterCategory: resource.meterCategory,
      meterSubcategory: resource.meterSubcategory,
      meter: resource.meter,
      chargeType,
      pricingModel,
      subscriptionId: this.identity.subscriptionId,
      tags: resource.tags,
      actualCost: round(actual),
      amortizedCost: round(amortized),
    };
  }

  /** Cost rows of one UTC day (empty outside the history or in the future). */
  rowsForDay(day: Date): CostRow[] {
    const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
    const firstDay = this.clock.anchor.getTime() - COST_HISTORY_DAYS * DAY_MS;
    if (start < firstDay || start > this.clock.now().getTime()) return [];
    const cached = this.cache.get(start);
    if (cached) return cached;
    const date = new Date(start);
    const rows = this.resources
      .map((resource) => {
        const cost = resource.dailyCost(new SeededRandom(this.seed, "cost", resource.id, start), date);
        return this.row(date, resource, cost, cost);
      })
      .filter((row) => row.actualCost > 0);
    rows.push(this.reservationRow(date));
    if (this.cache.size > 400) this.cache.clear();
    this.cache.set(start, rows);
    return rows;
  }

  /** Rows for every day in [from, to], both inclusive. */
  rowsBetween(from: Date, to: Date): CostRow[] {
    const rows: CostRow[] = [];
    for (let day = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); day <= to.getTime(); day += DAY_MS) {
      rows.push(...this.rowsForDay(new Date(day)));
    }
    return rows;
  }
}
