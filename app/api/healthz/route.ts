// Liveness: the process answers. No I/O, so a slow dependency never restarts a healthy replica.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
