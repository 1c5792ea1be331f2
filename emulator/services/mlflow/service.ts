// The emulated MLflow tracking server and model registry (REST API 2.0), served under
// /api/2.0/mlflow and the UI's /ajax-api/2.0/mlflow. Like an OSS server it needs no auth; a bearer
// token, when sent, is checked as an Azure ML workspace checks it (an Entra token for ARM).
import type { EmulatorContext } from "../../context";
import { json, Router, type EmuRequest, type EmuResponse } from "../../http/router";
import type { ServiceDefinition } from "../../http/service-host";
import type { MlflowRegistry } from "../../scenario/registry/registry";
import { MlflowError, mlflowErrorShape } from "./errors";
import { registryRoutes } from "./registry-routes";
import { RequestFields } from "./request-fields";
import type { MlflowRoute } from "./routes";
import { trackingRoutes } from "./tracking-routes";

const PATH_PREFIXES = ["/api/2.0/mlflow", "/ajax-api/2.0/mlflow"];
/** Azure ML accepts Entra tokens for ARM, in the v2 and v1 audience spellings. */
const ARM_AUDIENCES = ["https://management.azure.com/", "https://management.azure.com"];

/** Basic credentials (the basic-auth app) and no credentials pass; a bearer token must verify. */
async function authenticate(context: EmulatorContext, request: EmuRequest): Promise<void> {
  const header = request.headers.authorization;
  if (!header) return;
  const [scheme = "", ...rest] = header.trim().split(/\s+/);
  if (scheme.toLowerCase() !== "bearer") return;
  const token = rest.join(" ");
  if (!token) throw new MlflowError("UNAUTHENTICATED", "The Authorization header has no bearer token.");
  try {
    await context.tokens.verifyAccessToken(token, ARM_AUDIENCES);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MlflowError("UNAUTHENTICATED", `The bearer token was refused: ${reason}.`);
  }
}

function handlerFor(context: EmulatorContext, route: MlflowRoute) {
  return async (request: EmuRequest): Promise<EmuResponse> => {
    try {
      await authenticate(context, request);
      return json(200, route.handle(RequestFields.read(request)));
    } catch (error) {
      if (error instanceof MlflowError) return error.toResponse();
      throw error; // The host answers malformed JSON (400) and bugs (500) in the same error shape.
    }
  };
}

export function createMlflowService(context: EmulatorContext, registry: MlflowRegistry): ServiceDefinition {
  const router = new Router();
  for (const route of [...trackingRoutes(registry), ...registryRoutes(registry)]) {
    const handler = handlerFor(context, route);
    for (const prefix of PATH_PREFIXES) router.add(route.method, `${prefix}${route.path}`, handler);
  }
  // Aliases, tags and descriptions set by clients are forgotten by the control API's reset.
  context.onReset.push(() => registry.reset());
  return { name: "mlflow", upstream: "mlflow", router, errors: mlflowErrorShape };
}
