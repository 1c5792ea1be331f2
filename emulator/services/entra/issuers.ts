// The two issuer forms of Entra tokens: v2 (`{authority}/{tid}/v2.0`, in id tokens and discovery)
// and v1 (`https://sts.windows.net/{tid}/`, in access tokens for Azure's APIs and v1-token apps).

/** The v2 issuer of a tenant on the emulator's authority host. */
export function v2Issuer(authorityBase: string, tenantId: string): string {
  return `${authorityBase}/${tenantId}/v2.0`;
}

/** The v1 issuer, which Azure keeps on sts.windows.net whatever the authority host. */
export function v1Issuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}
