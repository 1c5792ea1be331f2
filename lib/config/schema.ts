// The one schema for every Stagegate setting. Pure: it takes an env record and never reads
// process.env itself, so next.config.js, scripts and lib/config.ts share it.
import { z } from "zod";

type Setting = { purpose: string; example: string };

/** What each variable is for and an example, used in the startup error and in .env.example. */
export const SETTINGS: Record<string, Setting> = {
  NODE_ENV: { purpose: "runtime mode set by Next.js", example: "production" },
  DATABASE_URL: {
    purpose: "PostgreSQL connection string; leave unset to use the embedded database under DATA_DIR",
    example: "postgresql://stagegate:secret@db.example.net:5432/stagegate?sslmode=require",
  },
  DATABASE_MIGRATION_URL: {
    purpose: "PostgreSQL connection string of the role that owns the tables and applies migrations (default DATABASE_URL); DATABASE_URL is then the app's runtime role",
    example: "postgresql://stagegate_owner:secret@db.example.net:5432/stagegate?sslmode=require",
  },
  DATABASE_POOL_SIZE: { purpose: "connections per app replica to PostgreSQL", example: "10" },
  DATABASE_MIGRATE_ON_START: {
    purpose: "apply pending migrations to PostgreSQL when a replica starts (the embedded database always is)",
    example: "true",
  },
  DATA_DIR: { purpose: "folder for the embedded database and local state", example: ".data" },
  AUDIT_MAC_KEY: {
    purpose: "base64 key of at least 32 bytes that MACs each audit row and signs the audit checkpoints; kept outside the database (default: DATA_DIR/audit-mac.key when it exists)",
    example: "q3Jd0hXbq3m1c1r0m4n2o8uJtS9q5a7K0v6b2Y4xW8E=",
  },
  AUDIT_MAC_PREVIOUS_KEYS: {
    purpose: "comma-separated retired AUDIT_MAC_KEY values, still accepted when verifying rows and checkpoints they signed",
    example: "7p1Yc9l0v2q8s6d4f3g5h7j9k1m3n5b7v9c1x3z5a7E=",
  },
  AUDIT_CHECKPOINT_INTERVAL_MS: {
    purpose: "least time between two signed checkpoints of the audit chain's head, in ms",
    example: "60000",
  },
  APP_BASE_URL: { purpose: "public URL people reach Stagegate at", example: "https://stagegate.contoso.com" },
  STAGEGATE_ENVIRONMENT: {
    purpose: "environment name shown in the header badge",
    example: "production",
  },
  LOG_LEVEL: { purpose: "minimum log level (trace, debug, info, warn, error, fatal)", example: "info" },
  UPSTREAM_TIMEOUT_MS: { purpose: "timeout for each call to an upstream service, in ms", example: "5000" },
  UPSTREAM_READ_FRESH_MS: {
    purpose: "longest an upstream read is served from the replica's cache before it is asked again, in ms (default: each upstream's own, 15-30 s); tests lower it so upstream faults show at once",
    example: "500",
  },
  MLFLOW_TRACKING_URI: {
    purpose: "MLflow tracking server base URL (without /api/2.0); an Azure ML azureml:// tracking URI is accepted as is",
    example: "https://mlflow.contoso.com",
  },
  MLFLOW_AUTH: {
    purpose: "how Stagegate authenticates to MLflow: none, basic, bearer, or entra (Azure ML / Databricks token from the app registration)",
    example: "entra",
  },
  MLFLOW_TRACKING_USERNAME: { purpose: "user name for MLFLOW_AUTH=basic", example: "stagegate" },
  MLFLOW_TRACKING_PASSWORD: { purpose: "password for MLFLOW_AUTH=basic", example: "a password" },
  MLFLOW_TRACKING_TOKEN: { purpose: "token for MLFLOW_AUTH=bearer (an MLflow or Databricks personal access token)", example: "dapi0123456789abcdef" },
  MLFLOW_ENTRA_SCOPE: {
    purpose: "token scope for MLFLOW_AUTH=entra: ARM for Azure ML (default), 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default for Azure Databricks",
    example: "https://management.azure.com/.default",
  },
  ROLE_RECHECK_MINUTES: {
    purpose: "how often a signed-in session's roles are confirmed again with Entra ID, in minutes (at most 15; fractions allowed, e.g. 0.1 in tests); a role removed in Entra stops working within this time",
    example: "15",
  },
  BACKGROUND_POLL_MS: {
    purpose: "how often each replica looks for background work (applying approvals), in ms",
    example: "2000",
  },
  ENTRA_AUTHORITY_HOST: {
    purpose: "Microsoft Entra ID authority host",
    example: "https://login.microsoftonline.com",
  },
  ENTRA_TENANT_ID: { purpose: "the Entra tenant (directory) id people sign in with", example: "72f988bf-86f1-41af-91ab-2d7cd011db47" },
  ENTRA_CLIENT_ID: { purpose: "Stagegate's app registration (client) id", example: "0f6d4c1e-2b1a-4f0e-9a55-3a7e2c1d9b10" },
  ENTRA_CLIENT_SECRET: { purpose: "a client secret of that app registration", example: "a secret from Certificates & secrets" },
  ENTRA_API_AUDIENCE: {
    purpose: "application id URI of Stagegate's API (audience of pipeline tokens); default api://<client id>",
    example: "api://0f6d4c1e-2b1a-4f0e-9a55-3a7e2c1d9b10",
  },
  ENTRA_ALLOWED_TENANTS: {
    purpose: "comma-separated tenant ids whose users may sign in; default the tenant itself",
    example: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  },
  LOG_ANALYTICS_ENDPOINT: {
    purpose: "Log Analytics query API base URL",
    example: "https://api.loganalytics.io",
  },
  LOG_ANALYTICS_WORKSPACE_ID: {
    purpose: "workspace id (customer id GUID, not the ARM name) of the Log Analytics workspace holding AppRequests and the monitoring tables",
    example: "3f6d2a5e-8c1b-4f7e-9d2a-6b5c4e3f2a10",
  },
  AZURE_MONITOR_METRICS_ENDPOINT: {
    purpose: "Azure Monitor regional metrics endpoint",
    example: "https://westeurope.metrics.monitor.azure.com",
  },
  ARM_ENDPOINT: { purpose: "Azure Resource Manager base URL", example: "https://management.azure.com" },
  AZURE_SUBSCRIPTION_ID: {
    purpose: "subscription of the Azure ML workspace whose online endpoints serve the models",
    example: "3f2b8c1d-6a4e-4b7f-9c2d-1e0a5b6c7d8e",
  },
  AZURE_RESOURCE_GROUP: { purpose: "resource group of that Azure ML workspace", example: "rg-ml-prod" },
  AZURE_ML_WORKSPACE: { purpose: "name of that Azure ML workspace", example: "mlw-prod" },
};

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgresql:" || url.protocol === "postgres:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a postgresql:// URL with a host");

const httpsUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .transform((value) => value.replace(/\/+$/, ""));

const positiveInt = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);

/** True for standard base64 (padding optional) that decodes to at least 32 bytes. */
export function isAuditKey(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, "base64").length >= 32;
}
const AUDIT_KEY_PROBLEM = "must be base64 of at least 32 random bytes (openssl rand -base64 32)";

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(emptyAsUnset, postgresUrl.optional()),
  DATABASE_MIGRATION_URL: z.preprocess(emptyAsUnset, postgresUrl.optional()),
  DATABASE_POOL_SIZE: positiveInt(10, 200),
  DATABASE_MIGRATE_ON_START: z.preprocess(emptyAsUnset, z.enum(["true", "false"]).default("false")).transform(
    (value) => value === "true",
  ),
  DATA_DIR: z.string().trim().min(1).default(".data"),
  AUDIT_MAC_KEY: z.preprocess(emptyAsUnset, z.string().trim().refine(isAuditKey, AUDIT_KEY_PROBLEM).optional()),
  AUDIT_MAC_PREVIOUS_KEYS: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .transform((value) => value.split(",").map((key) => key.trim()).filter(Boolean))
      .pipe(z.array(z.string().refine(isAuditKey, AUDIT_KEY_PROBLEM)))
      .default([]),
  ),
  AUDIT_CHECKPOINT_INTERVAL_MS: positiveInt(60_000, 86_400_000),
  APP_BASE_URL: z.preprocess(emptyAsUnset, httpsUrl.optional()),
  STAGEGATE_ENVIRONMENT: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 ._-]{1,24}$/, "must be 1-24 letters, digits, spaces, dots, dashes")
    .default("local"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  UPSTREAM_TIMEOUT_MS: positiveInt(5000, 120_000),
  UPSTREAM_READ_FRESH_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(3_600_000).optional()),
  // Azure ML publishes its tracking URI as azureml://<host>/mlflow/v1.0/...; its REST base is https.
  MLFLOW_TRACKING_URI: z.preprocess(
    (value) => (typeof value === "string" ? emptyAsUnset(value.trim().replace(/^azureml:\/\//i, "https://")) : value),
    httpsUrl.optional(),
  ),
  MLFLOW_AUTH: z.preprocess(emptyAsUnset, z.enum(["none", "basic", "bearer", "entra"]).default("none")),
  MLFLOW_TRACKING_USERNAME: z.preprocess(emptyAsUnset, z.string().optional()),
  MLFLOW_TRACKING_PASSWORD: z.preprocess(emptyAsUnset, z.string().optional()),
  MLFLOW_TRACKING_TOKEN: z.preprocess(emptyAsUnset, z.string().optional()),
  MLFLOW_ENTRA_SCOPE: z.preprocess(emptyAsUnset, z.string().min(1).default("https://management.azure.com/.default")),
  BACKGROUND_POLL_MS: positiveInt(2000, 600_000),
  // Issue 13: roles read at sign-in are confirmed at least every 15 minutes; shorter only for tests and the e2e run.
  ROLE_RECHECK_MINUTES: z.preprocess(emptyAsUnset, z.coerce.number().positive("must be more than 0").max(15, "must be at most 15").default(15)),
  ENTRA_AUTHORITY_HOST: z.preprocess(
    emptyAsUnset,
    z.url({ protocol: /^https$/, error: "must be an https URL" }).transform((value) => value.replace(/\/+$/, "")).optional(),
  ),
  ENTRA_TENANT_ID: z.preprocess(emptyAsUnset, z.string().regex(/^[0-9a-f-]{36}$/i, "must be a tenant GUID").optional()),
  ENTRA_CLIENT_ID: z.preprocess(emptyAsUnset, z.string().regex(/^[0-9a-f-]{36}$/i, "must be a client GUID").optional()),
  ENTRA_CLIENT_SECRET: z.preprocess(emptyAsUnset, z.string().min(8, "looks too short for a client secret").optional()),
  ENTRA_API_AUDIENCE: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  ENTRA_ALLOWED_TENANTS: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .transform((value) => value.split(",").map((tenant) => tenant.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[0-9a-f-]{36}$/i, "must list tenant GUIDs")))
      .optional(),
  ),
  LOG_ANALYTICS_ENDPOINT: z.preprocess(emptyAsUnset, httpsUrl.optional()),
  LOG_ANALYTICS_WORKSPACE_ID: z.preprocess(emptyAsUnset, z.string().trim().regex(/^[0-9a-f-]{36}$/i, "must be the workspace GUID (its customer id)").optional()),
  AZURE_MONITOR_METRICS_ENDPOINT: z.preprocess(emptyAsUnset, httpsUrl.optional()),
  ARM_ENDPOINT: z.preprocess(emptyAsUnset, httpsUrl.optional()),
  AZURE_SUBSCRIPTION_ID: z.preprocess(emptyAsUnset, z.string().trim().regex(/^[0-9a-f-]{36}$/i, "must be a subscription GUID").optional()),
  // ARM's own rules for resource group and workspace names.
  AZURE_RESOURCE_GROUP: z.preprocess(emptyAsUnset, z.string().trim().regex(/^[\w().-]{1,90}$/, "must be a resource group name").optional()),
  AZURE_ML_WORKSPACE: z.preprocess(emptyAsUnset, z.string().trim().regex(/^[A-Za-z0-9][\w-]{2,32}$/, "must be an Azure ML workspace name").optional()),
})
  .superRefine((config, issues) => {
    // Credentials for the chosen MLflow auth must be present, or every registry page would fail later.
    const need = (variable: keyof typeof config, when: string) => {
      if (!config[variable]) issues.addIssue({ code: "custom", path: [variable], message: `is required when ${when}` });
    };
    if (config.MLFLOW_AUTH === "basic") {
      need("MLFLOW_TRACKING_USERNAME", "MLFLOW_AUTH=basic");
      need("MLFLOW_TRACKING_PASSWORD", "MLFLOW_AUTH=basic");
    }
    if (config.MLFLOW_AUTH === "bearer") need("MLFLOW_TRACKING_TOKEN", "MLFLOW_AUTH=bearer");
    // The embedded database has one user: a second role only exists on PostgreSQL.
    if (config.DATABASE_MIGRATION_URL && !config.DATABASE_URL) need("DATABASE_URL", "DATABASE_MIGRATION_URL is set");
    if (config.MLFLOW_AUTH === "entra") {
      for (const variable of ["ENTRA_AUTHORITY_HOST", "ENTRA_TENANT_ID", "ENTRA_CLIENT_ID", "ENTRA_CLIENT_SECRET"] as const) {
        need(variable, "MLFLOW_AUTH=entra");
      }
    }
  });

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(formatProblems(problems));
    this.name = "ConfigError";
  }
}

function formatProblems(problems: { variable: string; problem: string }[]): string {
  const lines = problems.map(({ variable, problem }) => {
    const setting = SETTINGS[variable];
    const detail = setting ? `\n      for: ${setting.purpose}\n      example: ${variable}=${setting.example}` : "";
    return `  - ${variable}: ${problem}${detail}`;
  });
  return `Stagegate configuration is invalid:\n${lines.join("\n")}\nFix these environment variables (see .env.example) and start again.`;
}

/** Parses the given environment, throwing one ConfigError that names every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const picked = Object.fromEntries(Object.keys(configSchema.shape).map((key) => [key, env[key]]));
  const result = configSchema.safeParse(picked);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "(unknown)"),
      problem: issue.message,
    })),
  );
}

export interface EntraSettings {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  apiAudience: string;
  allowedTenants: string[];
  redirectUri: string;
  appBaseUrl: string;
}

const ENTRA_VARIABLES = ["ENTRA_AUTHORITY_HOST", "ENTRA_TENANT_ID", "ENTRA_CLIENT_ID", "ENTRA_CLIENT_SECRET", "APP_BASE_URL"] as const;

/** Sign-in settings, or the variables still missing (sign-in is then refused with that list). */
export function entraSettings(config: AppConfig): EntraSettings | { missing: string[] } {
  const missing = ENTRA_VARIABLES.filter((name) => !config[name]);
  if (missing.length > 0) return { missing };
  const clientId = config.ENTRA_CLIENT_ID!;
  return {
    authorityHost: config.ENTRA_AUTHORITY_HOST!,
    tenantId: config.ENTRA_TENANT_ID!,
    clientId,
    clientSecret: config.ENTRA_CLIENT_SECRET!,
    apiAudience: config.ENTRA_API_AUDIENCE ?? `api://${clientId}`,
    allowedTenants: config.ENTRA_ALLOWED_TENANTS ?? [config.ENTRA_TENANT_ID!],
    redirectUri: `${config.APP_BASE_URL}/auth/callback`,
    appBaseUrl: config.APP_BASE_URL!,
  };
}

/** The upstream services whose base URLs are configured, for readiness checks. */
export function configuredUpstreams(config: AppConfig): { name: string; url: string }[] {
  const upstreams: [string, string | undefined][] = [
    ["entra", config.ENTRA_AUTHORITY_HOST],
    ["mlflow", config.MLFLOW_TRACKING_URI],
    ["logAnalytics", config.LOG_ANALYTICS_ENDPOINT],
    ["metrics", config.AZURE_MONITOR_METRICS_ENDPOINT],
    ["arm", config.ARM_ENDPOINT],
  ];
  return upstreams.flatMap(([name, url]) => (url ? [{ name, url }] : []));
}
