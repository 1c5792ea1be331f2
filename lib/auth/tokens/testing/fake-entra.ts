// A stand-in for one Entra tenant in unit tests: discovery and JWKS served through an injected
// fetch that counts its calls, RSA keys that can be published or withheld, and a token signer.
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload } from "jose";
import { expect } from "vitest";
import {
  EntraTokenVerifier,
  TokenRejectedError,
  type EntraTokenVerifierOptions,
  type FetchFn,
  type TokenRejectionReason,
} from "../../token-verifier";

export const AUTHORITY = "https://login.example.test";
export const TENANT_ID = "7c1c3d5e-0c4b-4a43-9f0e-5a2b1f3c9d10";
export const OTHER_TENANT_ID = "a8f0e2b4-6d1c-4e7a-8b3f-2c9d4e5f6a70";
export const CLIENT_ID = "4d2f8b61-3e7a-4c19-b5d0-8e6f1a2c3b94";
export const API_AUDIENCE = `api://${CLIENT_ID}`;
export const PIPELINE_APP_ID = "0e9b7c5a-1f3d-4b2e-a6c8-d4f2e0b8a613";
export const NONCE = "n-0S6_WzA2Mj";

export const DISCOVERY_URL = `${AUTHORITY}/${TENANT_ID}/v2.0/.well-known/openid-configuration`;
export const JWKS_URL = `${AUTHORITY}/${TENANT_ID}/discovery/v2.0/keys`;
export const TOKEN_URL = `${AUTHORITY}/${TENANT_ID}/oauth2/v2.0/token`;

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid, use: "sig" } };
}

export const v2Issuer = (tenantId: string) => `${AUTHORITY}/${tenantId}/v2.0`;
export const v1Issuer = (tenantId: string) => `https://sts.windows.net/${tenantId}/`;

export class FakeEntra {
  nowMs = Date.UTC(2026, 2, 2, 9, 30);
  readonly fetches = { discovery: 0, jwks: 0 };
  tokenRequests = 0;
  /** Answers POSTs to the token endpoint (the form as sent); unset, the endpoint answers 404. */
  tokenEndpoint?: (form: URLSearchParams) => Response | Promise<Response>;
  /** What discovery says the issuer is; change it to simulate a misconfigured authority. */
  discoveryIssuer = v2Issuer(TENANT_ID);
  /** When set, every request fails with this HTTP status. */
  failWithStatus?: number;
  private readonly published = new Map<string, JWK>();

  private constructor(readonly key: SigningKey) {
    this.publish(key);
  }

  /** A tenant publishing one key (`key-1` unless given; sharing one across tests saves key generation). */
  static async create(key?: SigningKey): Promise<FakeEntra> {
    return new FakeEntra(key ?? (await createSigningKey("key-1")));
  }

  publish(key: SigningKey): void {
    this.published.set(key.kid, key.publicJwk);
  }

  withdraw(key: SigningKey): void {
    this.published.delete(key.kid);
  }

  advanceSeconds(seconds: number): void {
    this.nowMs += seconds * 1000;
  }

  readonly now = (): Date => new Date(this.nowMs);

  readonly fetch: FetchFn = async (url, init) => {
    if (this.failWithStatus) return new Response("unavailable", { status: this.failWithStatus });
    if (url === DISCOVERY_URL) {
      this.fetches.discovery += 1;
      return Response.json({ issuer: this.discoveryIssuer, jwks_uri: JWKS_URL, token_endpoint: TOKEN_URL, id_token_signing_alg_values_supported: ["RS256"] });
    }
    if (url === TOKEN_URL && init.method === "POST" && this.tokenEndpoint) {
      this.tokenRequests += 1;
      return this.tokenEndpoint(new URLSearchParams(String(init.body)));
    }
    if (url === JWKS_URL) {
      this.fetches.jwks += 1;
      return Response.json({ keys: [...this.published.values()] });
    }
    return new Response("not found", { status: 404 });
  };

  verifier(options: Partial<EntraTokenVerifierOptions> = {}): EntraTokenVerifier {
    return new EntraTokenVerifier({
      authorityHost: AUTHORITY,
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      apiAudience: API_AUDIENCE,
      fetch: this.fetch,
      now: this.now,
      ...options,
    });
  }

  private timeClaims() {
    const iat = Math.floor(this.nowMs / 1000);
    return { iat, nbf: iat, exp: iat + 3600 };
  }

  /** An id token's claims as Entra v2 sends them for a home-tenant user; overrides set to undefined drop a claim. */
  idTokenClaims(overrides: Record<string, unknown> = {}): JWTPayload {
    return {
      aud: CLIENT_ID,
      iss: v2Issuer(TENANT_ID),
      ...this.timeClaims(),
      email: "priya.raman@contoso.com",
      name: "Priya Raman",
      nonce: NONCE,
      oid: "5b7e9c1d-2a4f-4e6b-8d0c-1f3a5b7d9e2c",
      preferred_username: "priya.raman@contoso.com",
      roles: ["Stagegate.MLLead"],
      sub: "pairwise-subject-of-priya",
      tid: TENANT_ID,
      ver: "2.0",
      ...overrides,
    };
  }

  /** A client-credentials access token's claims, v1 as Entra issues them by default. */
  accessTokenClaims(overrides: Record<string, unknown> = {}): JWTPayload {
    return {
      aud: API_AUDIENCE,
      iss: v1Issuer(TENANT_ID),
      ...this.timeClaims(),
      appid: PIPELINE_APP_ID,
      idtyp: "app",
      oid: "9d3b5f7a-4c6e-4a8b-9e0d-2b4c6e8a0f13",
      roles: ["Stagegate.Pipeline"],
      sub: "9d3b5f7a-4c6e-4a8b-9e0d-2b4c6e8a0f13",
      tid: TENANT_ID,
      ver: "1.0",
      ...overrides,
    };
  }

  sign(claims: JWTPayload, key: SigningKey = this.key): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid }).sign(key.privateKey);
  }
}

/** Asserts the verification was refused for exactly this reason, and that the message quotes no part of the token. */
export async function expectRejected(verification: Promise<unknown>, token: string, reason: TokenRejectionReason): Promise<void> {
  const error = await verification.then(
    () => new Error(`the token was accepted; expected ${reason}`),
    (refusal: unknown) => refusal,
  );
  expect(error).toBeInstanceOf(TokenRejectedError);
  expect(error).toMatchObject({ reason, status: 401 });
  const message = (error as TokenRejectedError).message;
  for (const segment of token.split(".").filter((part) => part.length > 8)) expect(message).not.toContain(segment);
}
