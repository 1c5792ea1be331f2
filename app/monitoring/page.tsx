import type { Metadata } from "next";
import { renderVerb } from "@/app/_components/verb-page";
import { formatUtc } from "@/lib/ui/format";
import { LiveRefresh } from "@/components/time-range/live-refresh";
import { PageSection } from "@/components/layout/page-section";
import { DeadLetterQueues, FeatureTablesHealth } from "@/components/monitoring/data-health";
import { FleetTable } from "@/components/monitoring/fleet-table";
import { PanelReading } from "@/components/monitoring/panel-reading";
import { requirePageContext } from "@/lib/auth/request-context";
import { readMonitoringFleet } from "@/lib/monitoring/read-monitoring-fleet";
import { requestServices } from "@/lib/services/request-services";

export const metadata: Metadata = { title: "Monitoring" };

export default async function MonitoringPage() {
  const ctx = await requirePageContext("/monitoring");
  const services = await requestServices();
  return renderVerb(
    () => readMonitoringFleet(ctx, {}, services),
    (data) => (
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">Monitoring</h1>
          <p className="text-ink-muted">
            Every served model, worst first: input drift over the last 24 hours (PSI recomputed from summed bin counts), the newest version&apos;s top-decile lift against the
            previous one on outcomes complete through {formatUtc(data.cohort.matureBefore)} (labels arrive 48–72 h after the prediction), and the feature tables and queues it
            depends on. Open a model for its heatmap, histograms, lift and calibration.
          </p>
          <p className="text-sm text-ink-muted">
            <LiveRefresh refreshAt={data.refreshAt} />
          </p>
        </div>
        <PanelReading reading={data.models} source="Log Analytics">
          {(rows) => <FleetTable rows={rows} range="from=now-7d&to=now" />}
        </PanelReading>
        {data.liftProblem && <p role="status" className="text-sm text-ink-muted">Lift is not shown: {data.liftProblem.message}</p>}
        <PageSection id="feature-tables" title="Feature tables">
          <PanelReading reading={data.featureTables} source="Log Analytics">
            {(tables) => <FeatureTablesHealth tables={tables} />}
          </PanelReading>
        </PageSection>
        <PageSection id="dead-letters" title="Dead-letter queues">
          <PanelReading reading={data.deadLetters} source="Log Analytics">
            {(queues) => <DeadLetterQueues queues={queues} />}
          </PanelReading>
        </PageSection>
      </div>
    ),
  );
}
