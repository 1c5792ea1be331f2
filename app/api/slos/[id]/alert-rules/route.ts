import { sessionRoute } from "@/lib/http/route-handlers";
import { readAlertRuleTemplate } from "@/lib/slos/read-alert-rule-template";

export const dynamic = "force-dynamic";

/**
 * GET /api/slos/{id}/alert-rules: the SLO's burn-rate alerts as an ARM deployment template of two
 * Azure Monitor scheduled query rules (page and ticket), as a JSON download.
 */
export const GET = sessionRoute<{ id: string }>(async ({ ctx, services, params }) => {
  const { id, template } = await readAlertRuleTemplate(ctx, { id: params.id }, services);
  // The id is a validated slug (lower-case letters, digits, dashes): safe in the header as is.
  return new Response(`${JSON.stringify(template, null, 2)}\n`, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${id}-alert-rules.json"`, "cache-control": "no-store" },
  });
});
