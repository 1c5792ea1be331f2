import "server-only";
import { importJWK, type JWK } from "jose";
import { z } from "zod";
import { fetchEntraDocument, type EntraHttp } from "./fetch-entra-document";

const jwksSchema = z.object({
  keys: z.array(
    z.looseObject({ kty: z.string(), kid: z.string().optional(), use: z.string().optional(), alg: z.string().optional() }),
  ),
});
type PublishedKey = z.infer<typeof jwksSchema>["keys"][number];

export interface JwksCacheOptions {
  http: EntraHttp;
  /** Where the keys are, read from discovery when they are first needed. */
  jwksUri: () => Promise<string>;
  now: () => Date;
  /** The least time between two fetches triggered by unknown key ids. */
  refetchCooldownMs: number;
  /** Keys older than this are fetched again, so keys Entra retired stop being trusted. */
  maxAgeMs: number;
}

/** The tenant's RS256 verification keys by key id, refetched on an unknown kid at most once per cooldown. */
export class JwksCache {
  private keys = new Map<string, CryptoKey>();
  private loadedAt?: number;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private inFlight?: Promise<void>;

  constructor(private readonly options: JwksCacheOptions) {}

  /** The key with this id, or undefined when the tenant does not publish it (as far as we may ask). */
  async keyFor(kid: string): Promise<CryptoKey | undefined> {
    await this.ensureLoaded();
    const known = this.keys.get(kid);
    if (known || !this.mayRefetch()) return known;
    // An unknown kid usually means Entra rotated its keys. The cooldown stops tokens with made-up
    // kids from turning every request into a fetch to Entra.
    await this.refetch();
    return this.keys.get(kid);
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loadedAt === undefined) return this.refetch();
    const expired = this.now() - this.loadedAt >= this.options.maxAgeMs;
    // If Entra is down when the keys age out, the old keys beat refusing everyone; the failed
    // attempt still starts the cooldown.
    if (expired && this.mayRefetch()) await this.refetch().catch(() => undefined);
  }

  private mayRefetch(): boolean {
    return this.now() - this.lastAttemptAt >= this.options.refetchCooldownMs;
  }

  /** One fetch at a time: concurrent callers share it. */
  private refetch(): Promise<void> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    this.lastAttemptAt = this.now();
    const url = await this.options.jwksUri();
    const jwks = await fetchEntraDocument(this.options.http, url, "signing keys", jwksSchema);
    // Replaced whole, so a key Entra withdrew is no longer accepted.
    this.keys = await importVerificationKeys(jwks.keys);
    this.loadedAt = this.now();
  }

  private now(): number {
    return this.options.now().getTime();
  }
}

/** Imports the RSA signing keys that can verify RS256; keys for other uses or algorithms are skipped. */
async function importVerificationKeys(published: PublishedKey[]): Promise<Map<string, CryptoKey>> {
  const usable = published.filter(
    (jwk): jwk is PublishedKey & { kid: string } =>
      jwk.kty === "RSA" && typeof jwk.kid === "string" && (jwk.use ?? "sig") === "sig" && (jwk.alg ?? "RS256") === "RS256",
  );
  const imported = await Promise.allSettled(
    usable.map(async (jwk) => [jwk.kid, await importJWK(jwk as JWK, "RS256")] as const),
  );
  const keys = new Map<string, CryptoKey>();
  for (const result of imported) {
    // A key that does not import cannot verify anything; tokens naming it end as unknown_key.
    if (result.status === "fulfilled" && !(result.value[1] instanceof Uint8Array)) keys.set(result.value[0], result.value[1]);
  }
  return keys;
}
