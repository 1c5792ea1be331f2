import { describe, expect, it } from "vitest";
import { ConfigError, configSchema, configuredUpstreams, parseConfig, SETTINGS } from "./schema";

describe("parseConfig", () => {
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

  it("documents every setting", () => {
    expect(Object.keys(SETTINGS).sort()).toEqual(Object.keys(configSchema.shape).sort());
  });
});
