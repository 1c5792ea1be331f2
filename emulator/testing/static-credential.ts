import type { TokenCredential } from "@azure/core-auth";

/** A credential handing out the token the test context's verifier accepts. */
export const STATIC_TEST_CREDENTIAL: TokenCredential = {
  async getToken() {
    return { token: "test-token", expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};
