import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { TemplateEditor } from "@/components/rollouts/template-editor";
import { requirePageContext } from "@/lib/auth/request-context";
import { readRolloutTemplates } from "@/lib/rollouts/templates/rollout-templates";
import { requestServices } from "@/lib/services/request-services";
import { formatUtc } from "@/lib/ui/format";
import { saveTemplateAction } from "./actions";

export const metadata: Metadata = { title: "Rollout templates" };

export default async function TemplatesPage() {
  const ctx = await requirePageContext("/admin/templates");
  const services = await requestServices();
  return renderVerb(
    () => readRolloutTemplates(ctx, {}, services),
    (templates) => (
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-semibold">Rollout templates</h1>
          <p className="text-ink-muted">
            Steps (shadow with a mirrored share, then live shares ending at 100), the bake time per step in seconds, and the gate thresholds. A rollout copies its
            template when it starts; edits apply to rollouts started afterwards.
          </p>
        </div>
        {templates.map((template) => (
          <div key={template.name} className="space-y-1">
            <p className="text-sm text-ink-muted">Last saved by {template.updatedBy} at {formatUtc(template.updatedAt)}.</p>
            <TemplateEditor action={saveTemplateAction} name={template.name} version={template.version} json={JSON.stringify(template.content, null, 2)} idempotencyKey={randomUUID()} />
          </div>
        ))}
      </div>
    ),
  );
}
