import { describe, expect, it } from "vitest";
import { parseDeploymentModel, servesModelVersion } from "./deployment-model";

const ARM_ID = "/subscriptions/0000/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw/models/churn_xgb/versions/7";

describe("the model version a deployment serves", () => {
  it("reads short asset ids, labels, ARM ids and azureml:// URIs", () => {
    expect(parseDeploymentModel("azureml:churn_xgb:7")).toEqual({ name: "churn_xgb", version: "7", label: null, registry: null });
    expect(parseDeploymentModel("azureml:churn_xgb@latest")).toEqual({ name: "churn_xgb", version: null, label: "latest", registry: null });
    expect(parseDeploymentModel(ARM_ID)).toEqual({ name: "churn_xgb", version: "7", label: null, registry: null });
    expect(parseDeploymentModel(`azureml:${ARM_ID.replace("/models/", "/MODELS/")}`)).toMatchObject({ name: "churn_xgb", version: "7" });
    expect(parseDeploymentModel("azureml://locations/westeurope/workspaces/abc/models/churn%20xgb/versions/3")).toMatchObject({ name: "churn xgb", version: "3", registry: null });
    expect(parseDeploymentModel("azureml://registries/shared-models/models/churn_xgb/versions/2")).toMatchObject({ name: "churn_xgb", version: "2", registry: "shared-models" });
  });

  it("answers null for what names no model", () => {
    for (const reference of [undefined, null, "", "  ", "azureml:just-a-name", "https://example.com/model.pkl", "azureml:/subscriptions/x/datastores/y"]) {
      expect(parseDeploymentModel(reference)).toBeNull();
    }
  });

  it("matches name and version (numerically), never a registry model or a label", () => {
    expect(servesModelVersion(parseDeploymentModel("azureml:churn_xgb:7"), "churn_xgb", "7")).toBe(true);
    expect(servesModelVersion(parseDeploymentModel("azureml:churn_xgb:07"), "churn_xgb", "7")).toBe(true);
    expect(servesModelVersion(parseDeploymentModel("azureml:churn_xgb:6"), "churn_xgb", "7")).toBe(false);
    expect(servesModelVersion(parseDeploymentModel("azureml:fraud_lgbm:7"), "churn_xgb", "7")).toBe(false);
    expect(servesModelVersion(parseDeploymentModel("azureml:churn_xgb@latest"), "churn_xgb", "7")).toBe(false);
    expect(servesModelVersion(parseDeploymentModel("azureml://registries/r/models/churn_xgb/versions/7"), "churn_xgb", "7")).toBe(false);
  });
});
