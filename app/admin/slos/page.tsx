import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { PageSection } from "@/components/layout/page-section";
import { SloDefinitionForm } from "@/components/slos/slo-definition-form";
import { requirePageContext } from "@/lib/auth/request-context";
import { describeSlo, sloSubject } from "@/lib/domain/slo/definitions";
import { requestServices } from "@/lib/services/request-services";
import { readSloDefinitions } from "@/lib/slos/read-slo-definitions";
import { formatUtc } from "@/lib/ui/format";
import { saveSloDefinitionAction } from "./actions";

export const metadata: Metadata = { title: "SLO definitions" };

export default async function SloDefinitionsPage() {
  const ctx = await requirePageContext("/admin/slos");
  const services = await requestServices();
  return renderVerb(
    () => readSloDefinitions(ctx, {}, services),
    (slos) => (
      <div className="space-y-8">
        <div>
          <h1 className="text-2xl font-semibold">SLO definitions</h1>
          <p className="max-w-3xl text-ink-muted">
            What counts as a good event for each SLO, the share of events that must be good over the period, and who answers with which runbook. Saving creates a
            new version and never changes an old one; the SLO pages and the rollout freeze (an endpoint&apos;s availability SLO) read the newest version. An SLO&apos;s
            id, kind and subject stay fixed.
          </p>
        </div>
        {slos.map(({ definition, version, savedBy, savedAt, changeNote }) => {
          const subject = sloSubject(definition);
          return (
            <PageSection key={definition.id} id={`slo-${definition.id}`} title={definition.id} className="space-y-3">
              <div className="space-y-1 text-sm">
                <p className="text-base" data-testid="slo-sentence">{describeSlo(definition)}.</p>
                <p className="text-ink-muted">
                  {definition.kind} SLO of {subject.kind} <span className="font-mono">{subject.name}</span>; owner {definition.owner}; runbook ({definition.runbook.kind}){" "}
                  <a href={definition.runbook.url} className="text-accent underline" rel="noreferrer">{definition.runbook.url}</a>
                </p>
                <p className="text-ink-muted" data-testid="slo-version">
                  {version === 0 ? "Version 0: the blueprint's default, never saved." : `Version ${version}, saved by ${savedBy} at ${formatUtc(savedAt)}: ${changeNote}`}
                </p>
              </div>
              <SloDefinitionForm action={saveSloDefinitionAction} definition={definition} version={version} idempotencyKey={randomUUID()} />
            </PageSection>
          );
        })}
      </div>
    ),
  );
}
