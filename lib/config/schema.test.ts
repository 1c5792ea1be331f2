import { describe, expect, it } from "vitest";
import { ConfigError, configSchema, configuredUpstreams, parseConfig, SETTINGS } from "./schema";

describe("parseConfig", () => {
  it("re-checks roles every 15 minutes by default, accepts shorter (fractional) intervals and refuses longer ones", () => {
    expect(parseConfig({}).ROLE_RECHECK_MINUTES).toBe(15);
    expect(parseConfig({ ROLE_RECHECK_MINUTES: "0.1" }).ROLE_RECHECK_MINUTES).toBe(0.1);
    expect(parseConfig({ ROLE_RECHECK_MINUTES: "" }).ROLE_RECHECK_MINUTES).toBe(15);
    for (const bad of ["16", "0", "-1", "soon"]) {
      expect(() => parseConfig({ ROLE_RECHECK_MINUTES: bad }), bad).toThrow(/ROLE_RECHECK_MINUTES/);
    }
  });

  it("gives the embedded defaults for an empty environment", () => {
    expect(parseConfig({})).toMatchObject({
      DATABASE_URL: undefined,
      DATA_DIR: ".data",
      STAGEGATE_ENVIRONMENT: "local",
      LOG_LEVEL: "info",
      DATABASE_POOL_SIZE: 10,
    });
  });

  it("accepts a PostgreSQL URL and trims trailing slashes from upstream URLs", () => {
    const config = parseConfig({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/stagegate",
      MLFLOW_TRACKING_URI: "https://mlflow.contoso.com/",
    });
    expect(config.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/stagegate");
    expect(configuredUpstreams(config)).toEqual([{ name: "mlflow", url: "https://mlflow.contoso.com" }]);
  });

  it("takes an Azure ML azureml:// tracking URI as its https REST base, and requires the credentials MLFLOW_AUTH names", () => {
    const azureMl = "azureml://westeurope.api.azureml.ms/mlflow/v1.0/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws";
    expect(parseConfig({ MLFLOW_TRACKING_URI: azureMl }).MLFLOW_TRACKING_URI).toBe(azureMl.replace("azureml://", "https://"));
    expect(parseConfig({}).MLFLOW_AUTH).toBe("none");
    const missing = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems.map((problem) => `${problem.variable}: ${problem.problem}`);
      }
    };
    expect(missing({ MLFLOW_AUTH: "basic", MLFLOW_TRACKING_USERNAME: "u" })).toEqual(["MLFLOW_TRACKING_PASSWORD: is required when MLFLOW_AUTH=basic"]);
    expect(missing({ MLFLOW_AUTH: "bearer" })).toEqual(["MLFLOW_TRACKING_TOKEN: is required when MLFLOW_AUTH=bearer"]);
    expect(missing({ MLFLOW_AUTH: "entra", ENTRA_AUTHORITY_HOST: "https://login.microsoftonline.com" })).toHaveLength(3);
    expect(missing({ MLFLOW_AUTH: "kerberos" })[0]).toMatch(/^MLFLOW_AUTH: /);
  });

  it("names every bad variable with its purpose and an example, in one error", () => {
    let caught: unknown;
    try {
      parseConfig({ DATABASE_URL: "not-a-url", LOG_LEVEL: "loud", DATABASE_POOL_SIZE: "0" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual(["DATABASE_POOL_SIZE", "DATABASE_URL", "LOG_LEVEL"]);
    expect(error.message).toContain("DATABASE_URL: must be a postgresql:// URL with a host");
    expect(error.message).toContain("example: DATABASE_URL=postgresql://");
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it("treats an empty value as unset", () => {
    expect(parseConfig({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("takes an audit MAC key only as base64 of at least 32 bytes, and retired keys as a list", () => {
    const key = Buffer.alloc(32, 1).toString("base64");
    const retired = Buffer.alloc(48, 2).toString("base64");
    expect(parseConfig({ AUDIT_MAC_KEY: key, AUDIT_MAC_PREVIOUS_KEYS: ` ${retired} ,` })).toMatchObject({ AUDIT_MAC_KEY: key, AUDIT_MAC_PREVIOUS_KEYS: [retired], AUDIT_CHECKPOINT_INTERVAL_MS: 60_000 });
    expect(parseConfig({}).AUDIT_MAC_PREVIOUS_KEYS).toEqual([]);
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems.map((problem) => problem.variable);
      }
    };
    expect(problems({ AUDIT_MAC_KEY: Buffer.alloc(16, 1).toString("base64") })).toEqual(["AUDIT_MAC_KEY"]);
    expect(problems({ AUDIT_MAC_KEY: "not base64 at all, but long enough to be 32 bytes!" })).toEqual(["AUDIT_MAC_KEY"]);
    expect(problems({ AUDIT_MAC_PREVIOUS_KEYS: `${key},short` })).toEqual(["AUDIT_MAC_PREVIOUS_KEYS"]);
  });

  it("takes a migration role's URL only next to DATABASE_URL (the embedded database has one user)", () => {
    const owner = "postgresql://stagegate_owner@127.0.0.1:5432/stagegate";
    expect(parseConfig({ DATABASE_URL: "postgresql://stagegate_app@127.0.0.1:5432/stagegate", DATABASE_MIGRATION_URL: owner }).DATABASE_MIGRATION_URL).toBe(owner);
    expect(() => parseConfig({ DATABASE_MIGRATION_URL: owner })).toThrow(/DATABASE_URL: is required when DATABASE_MIGRATION_URL is set/);
  });

  it("documents every setting", () => {
    expect(Object.keys(SETTINGS).sort()).toEqual(Object.keys(configSchema.shape).sort());
  });
});
