import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/request-context";
import { notFound } from "@/lib/errors/refused-error";
import type { Services } from "@/lib/services/services";
import { alertRuleTemplate, hasAlertRules } from "./alert-rule-template";
import { currentSloDefinition } from "./slo-definition-store";

const inputSchema = z.object({ id: z.string().trim().min(1).max(64) });

/**
 * An SLO's burn-rate alerts as an ARM template for Azure Monitor, from the SLO as it stands (saved
 * or default): whoever reads the SLO page may download it. A training-time SLO has none (404):
 * its runs are in MLflow, which Azure Monitor cannot query, and an empty template would deploy
 * without error and alert no one.
 */
export async function readAlertRuleTemplate(ctx: RequestContext, rawInput: { id: string }, services: Pick<Services, "db">) {
  requirePermission(ctx, "monitoring:read");
  const parsed = inputSchema.safeParse(rawInput);
  if (!parsed.success) throw notFound("There is no SLO with that id.");
  const stored = await currentSloDefinition(services.db, parsed.data.id);
  if (!stored) throw notFound(`There is no SLO with id ${parsed.data.id}.`);
  const { definition, version } = stored;
  if (!hasAlertRules(definition)) {
    throw notFound(
      `SLO ${definition.id} has no Azure Monitor alert rules: its training runs are recorded in MLflow, which Azure Monitor cannot query. Its burn-rate alerts are shown on the SLO page.`,
    );
  }
  return { id: definition.id, template: alertRuleTemplate(definition, { version }) };
}
