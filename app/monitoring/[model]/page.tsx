import type { Metadata } from "next";
import Link from "next/link";
import { renderVerb } from "@/app/_components/verb-page";
import { PageSection } from "@/components/layout/page-section";
import { DataHealth } from "@/components/monitoring/data-health";
import { DecisionList } from "@/components/monitoring/decision-list";
import { DriftHeatmap } from "@/components/monitoring/drift-heatmap";
import { FeatureHistogram } from "@/components/monitoring/feature-histogram";
import { FeaturePsiChart } from "@/components/monitoring/feature-psi-chart";
import { GainAndCalibration } from "@/components/monitoring/gain-and-calibration";
import { LiftTables } from "@/components/monitoring/lift-table";
import { PanelReading } from "@/components/monitoring/panel-reading";
import { TopDecileLiftChart } from "@/components/monitoring/top-decile-lift-chart";
import { TimeRangePicker } from "@/components/time-range/time-range-picker";
import { requirePageContext } from "@/lib/auth/request-context";
import { readModelMonitoring } from "@/lib/monitoring/read-model-monitoring";
import { requestServices } from "@/lib/services/request-services";

export const metadata: Metadata = { title: "Model monitoring" };

const PARAMS = ["from", "to", "feature", "cell"] as const;

export default async function ModelMonitoringPage({ params, searchParams }: PageProps<"/monitoring/[model]">) {
  const { model } = await params;
  const raw = await searchParams;
  const values = Object.fromEntries(PARAMS.map((key) => [key, typeof raw[key] === "string" ? raw[key] : undefined]));
  const query = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  const ctx = await requirePageContext(`/monitoring/${encodeURIComponent(model)}${query ? `?${query}` : ""}`);
  const services = await requestServices();
  return renderVerb(
    () => readModelMonitoring(ctx, { model, ...values }, services),
    (data) => (
      <div className="space-y-6">
        <div className="space-y-1">
          <p className="text-sm">
            <Link className="text-accent underline" href="/monitoring">
              Monitoring
            </Link>{" "}
            / {data.model}
          </p>
          <h1 className="text-2xl font-semibold">{data.model}: drift, lift and data health</h1>
          <p className="text-ink-muted">
            Input and prediction drift against the training reference, outcomes of matured cohorts per version, and the feature tables and queues the model depends on, with
            Stagegate&apos;s own decisions on the same time axis. <Link className="text-accent underline" href={`/models/${encodeURIComponent(data.model)}`}>The model in the registry</Link>
          </p>
        </div>
        <TimeRangePicker range={{ ...data.range, from: new Date(data.range.from), to: new Date(data.range.to) }} basePath={`/monitoring/${encodeURIComponent(data.model)}`} refreshAt={data.range.refreshAt} />
        <PageSection id="drift" title="Drift">
          <PanelReading reading={data.heatmap} source="Log Analytics">
            {(heatmap) => (
              <DriftHeatmap
                model={data.model}
                heatmap={heatmap}
                range={data.range}
                cellSize={data.cellSize}
                annotations={data.annotations.annotations}
                conventions={data.conventions}
                chosen={{ feature: data.chosenFeature, cell: data.chosenCell }}
              />
            )}
          </PanelReading>
          {data.chosenFeatureRow && <FeaturePsiChart row={data.chosenFeatureRow} range={data.range} cellSize={data.cellSize} annotations={data.annotations.annotations} />}
          <FeatureHistogram model={data.model} histogram={data.histogram} cellChosen={data.chosenCell !== null} />
        </PageSection>
        <PageSection id="outcomes" title="Lift, gains and calibration">
          <PanelReading reading={data.outcomes} source="Log Analytics">
            {(versions) => (
              <div className="space-y-4">
                <LiftTables model={data.model} versions={versions} matureBefore={data.outcomes.matureBefore} comparison={data.comparison} />
                <GainAndCalibration model={data.model} versions={versions} calibrationProblem={data.outcomes.calibrationProblem} />
                {data.outcomes.topDecileProblem ? (
                  <p role="status" className="text-sm text-ink-muted">Top-decile lift over time is not shown: {data.outcomes.topDecileProblem.message}</p>
                ) : (
                  <TopDecileLiftChart versions={versions} range={data.range} cellSize={data.cellSize} matureBefore={data.outcomes.matureBefore} annotations={data.annotations.annotations} />
                )}
              </div>
            )}
          </PanelReading>
        </PageSection>
        <PageSection id="data-health" title="Data health">
          <DataHealth model={data.model} featureTables={data.featureTables} deadLetters={data.deadLetters} />
        </PageSection>
        <PageSection id="decisions" title="Decisions in this range">
          <DecisionList annotations={data.annotations.annotations} leftOut={data.annotations.leftOut} />
        </PageSection>
      </div>
    ),
  );
}
