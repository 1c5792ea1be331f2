import "server-only";
// Entra's refresh token is kept with the session, sealed with AES-256-GCM. The key is derived
// (HKDF-SHA256) from the app registration's client secret: Entra redeems the token only together
// with that secret, so a second key would guard nothing more, and the database alone (a dump, a
// backup) holds no usable token. Rotating the secret makes sealed tokens unreadable: those sessions
// then end at their next re-check and their users sign in again.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface RefreshTokenSealer {
  seal(refreshToken: string, boundTo: string): string;
  /** The token, or null when the text was sealed under another key, for another binding, or altered. */
  open(sealed: string, boundTo: string): string | null;
}

export function refreshTokenSealer(clientSecret: string): RefreshTokenSealer {
  if (clientSecret === "") throw new TypeError("refreshTokenSealer needs the client secret");
  const key = Buffer.from(hkdfSync("sha256", clientSecret, "stagegate", "session refresh token sealing v1", 32));
  return {
    // `boundTo` (the user's id) is authenticated data: a sealed token copied onto another user's row does not open.
    seal(refreshToken, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(boundTo, "utf8"));
      const body = Buffer.concat([cipher.update(refreshToken, "utf8"), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
    },
    open(sealed, boundTo) {
      const [version, payload] = sealed.split(".");
      if (version !== VERSION || !payload) return null;
      const bytes = Buffer.from(payload, "base64url");
      if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(boundTo, "utf8"));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}
