// Minimal HTTPS client that trusts a given CA, so benchmarks need no NODE_EXTRA_CA_CERTS.
import { Agent, request } from "node:https";

export function httpsClient(ca: string, maxSockets = 64) {
  const agent = new Agent({ ca, keepAlive: true, maxSockets });
  return function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, { method: init.method ?? "GET", headers: init.headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      });
      req.on("error", reject);
      req.end(init.body);
    });
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 10) / 10;
}
