// Where to go after sign-in: only a path on this site, never another origin.
const MAX_LENGTH = 512;

export function safeReturnTo(candidate: string | null | undefined): string {
  if (!candidate || candidate.length > MAX_LENGTH) return "/";
  // "//host" and "/\host" are read by browsers as another origin; control characters never belong.
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\") || /[\u0000-\u001f\\]/.test(candidate)) {
    return "/";
  }
  if (candidate.startsWith("/auth/")) return "/";
  return candidate;
}
