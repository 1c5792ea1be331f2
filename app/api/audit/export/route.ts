import { AuthorizationError } from "@/lib/auth/permissions";
import { getRequestContext } from "@/lib/auth/request-context";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { getDatabase } from "@/lib/db/database";
import { RefusedError } from "@/lib/errors/refused-error";
import { internalErrorResponse } from "@/lib/http/api-errors";

/** The audit page's CSV export, with the page's filters. */
export async function GET(request: Request) {
  const ctx = await getRequestContext();
  if (!ctx) return Response.json({ error: "unauthorized", message: "Sign in, then export again." }, { status: 401 });
  try {
    const { prisma } = await getDatabase();
    const filters = Object.fromEntries(new URL(request.url).searchParams);
    const stream = await exportAuditCsv(ctx, filters, { prisma });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return new Response(stream, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="stagegate-audit-${stamp}.csv"`, "cache-control": "no-store" },
    });
  } catch (error) {
    if (error instanceof AuthorizationError || error instanceof RefusedError) return Response.json({ error: error.name, message: error.message }, { status: error.status });
    return internalErrorResponse(error);
  }
}
