import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { sessionRoute } from "@/lib/http/route-handlers";

export const dynamic = "force-dynamic";

/** The audit page's CSV export, with the page's filters. */
export const GET = sessionRoute(async ({ ctx, services, request }) => {
  const filters = Object.fromEntries(new URL(request.url).searchParams);
  const stream = await exportAuditCsv(ctx, filters, services);
  const stamp = services.now().toISOString().replace(/[:.]/g, "-");
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="stagegate-audit-${stamp}.csv"`, "cache-control": "no-store" },
  });
});
