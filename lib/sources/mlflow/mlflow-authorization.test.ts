import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/schema";
import { mlflowAuthorization } from "./index";

describe("mlflowAuthorization", () => {
  it("sends nothing, HTTP Basic or a bearer token as MLFLOW_AUTH says", async () => {
    expect(await mlflowAuthorization(parseConfig({}))()).toBeUndefined();
    const basic = parseConfig({ MLFLOW_AUTH: "basic", MLFLOW_TRACKING_USERNAME: "stagegate", MLFLOW_TRACKING_PASSWORD: "p@ss:word" });
    expect(await mlflowAuthorization(basic)()).toBe(`Basic ${Buffer.from("stagegate:p@ss:word").toString("base64")}`);
    const bearer = parseConfig({ MLFLOW_AUTH: "bearer", MLFLOW_TRACKING_TOKEN: "dapi123" });
    expect(await mlflowAuthorization(bearer)()).toBe("Bearer dapi123");
  });
});
