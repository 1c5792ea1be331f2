import "server-only";
import { z } from "zod";
import { EntraMetadataError, fetchEntraDocument, type EntraHttp } from "./fetch-entra-document";

// Extra members are kept: msal's authorityMetadata wants the whole document.
const openIdConfigurationSchema = z.looseObject({
  issuer: z.string(),
  jwks_uri: z.url({ protocol: /^https$/, error: "must be an https URL" }),
});
export type OpenIdConfiguration = z.infer<typeof openIdConfigurationSchema>;

// Multi-tenant documents (`common`, `organizations`) spell the issuer with this literal placeholder.
const TENANT_PLACEHOLDER = "{tenantid}";

/**
 * A tenant's OpenID configuration, fetched on first use and then kept: a tenant's key location does
 * not move while the process runs. A failed fetch is not kept, so the next caller tries again.
 */
export class OpenIdDiscovery {
  private document?: Promise<OpenIdConfiguration>;

  constructor(
    private readonly http: EntraHttp,
    private readonly url: string,
    private readonly expected: { tenantId: string; issuer: string },
  ) {}

  get(): Promise<OpenIdConfiguration> {
    if (!this.document) {
      const pending = this.load();
      this.document = pending;
      pending.catch(() => {
        if (this.document === pending) this.document = undefined;
      });
    }
    return this.document;
  }

  private async load(): Promise<OpenIdConfiguration> {
    const document = await fetchEntraDocument(this.http, this.url, "OpenID configuration", openIdConfigurationSchema);
    // Tokens are checked against the issuer we derive from settings; the document must agree with it,
    // or the authority host or tenant id is misconfigured.
    if (document.issuer.replace(TENANT_PLACEHOLDER, this.expected.tenantId) !== this.expected.issuer) {
      throw new EntraMetadataError(
        `The OpenID configuration at ${this.url} names the issuer ${document.issuer}, not ${this.expected.issuer}: ` +
          "check the authority host and tenant id",
      );
    }
    return document;
  }
}
