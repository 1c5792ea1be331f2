import "server-only";
import { z } from "zod";

/** The slice of `fetch` the verifier uses; tests inject their own. */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export interface EntraHttp {
  fetch: FetchFn;
  timeoutMs: number;
}

/** Entra's discovery or key documents could not be read: an upstream failure, not a bad token. */
export class EntraMetadataError extends Error {
  readonly upstream = "entra";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EntraMetadataError";
  }
}

/** GETs one of Entra's public JSON documents and checks its shape. */
export async function fetchEntraDocument<T>(http: EntraHttp, url: string, what: string, schema: z.ZodType<T>): Promise<T> {
  let response: Response;
  try {
    // Redirects are refused: key material must come from the URL that was configured or discovered.
    response = await http.fetch(url, {
      headers: { accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(http.timeoutMs),
    });
  } catch (cause) {
    throw new EntraMetadataError(`Could not fetch the ${what} from ${url}`, { cause });
  }
  if (!response.ok) throw new EntraMetadataError(`Entra ID answered HTTP ${response.status} for the ${what} at ${url}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new EntraMetadataError(`The ${what} at ${url} is not JSON`, { cause });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new EntraMetadataError(`The ${what} at ${url} is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
