import "server-only";
import type { Instrumentation } from "next";
import { getLogger } from "./logger";
import { REQUEST_ID_HEADER } from "./request-id";

type Params = Parameters<Instrumentation.onRequestError>;

/** One structured line per failed render or handler, with the ids the error page shows. */
export function logRequestError(error: Params[0], request: Params[1], context: Params[2]): void {
  const header = request.headers[REQUEST_ID_HEADER];
  const { digest } = error as { digest?: string };
  getLogger().error(
    {
      requestId: Array.isArray(header) ? header[0] : header,
      digest,
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
      err: error,
    },
    "request failed",
  );
}
