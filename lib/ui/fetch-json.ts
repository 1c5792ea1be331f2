// The browser's reads of Stagegate's own JSON routes (what TanStack Query polls after the server
// prefetched): a non-2xx answer throws, with the route's own message when it sent one.

export async function fetchJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { cache: "no-store" });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = typeof body === "object" && body !== null && "message" in body && typeof body.message === "string" ? body.message : null;
    throw new Error(message ?? `status ${response.status}`);
  }
  return body as T;
}
