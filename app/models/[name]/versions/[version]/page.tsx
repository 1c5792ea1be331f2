import type { Metadata } from "next";
import Link from "next/link";
import { renderVerb } from "@/app/_components/verb-page";
import { AsOf } from "@/components/feedback/as-of";
import { AliasBadges } from "@/components/registry/alias-badges";
import { ChampionComparison } from "@/components/registry/champion-comparison";
import { KeyValueTable } from "@/components/data/key-value-table";
import { LineageFlow } from "@/components/registry/lineage-flow";
import { MarkdownText } from "@/components/registry/markdown-text";
import { requirePageContext } from "@/lib/auth/request-context";
import { getDatabase } from "@/lib/db/database";
import { currentPolicy } from "@/lib/policy/policy-store";
import { metricDirections } from "@/lib/domain/version-comparison";
import { modelHref, segmentText, versionHref } from "@/lib/registry/links";
import { readVersionLineage } from "@/lib/registry/read-version-lineage";
import { PromotionSection } from "./promotion-section";

type Params = Promise<{ name: string; version: string }>;

async function segments(params: Params) {
  const raw = await params;
  return { name: segmentText(raw.name), version: segmentText(raw.version) };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name, version } = await segments(params);
  return { title: `${name} version ${version}` };
}

export default async function VersionPage({ params }: { params: Params }) {
  const { name, version } = await segments(params);
  const ctx = await requirePageContext(versionHref(name, version));
  const directions = metricDirections((await currentPolicy((await getDatabase()).prisma)).content.rules);
  return renderVerb(
    () => readVersionLineage(ctx, { name, version }),
    (lineage) => (
      <div className="space-y-8">
        <div className="space-y-2">
          <nav aria-label="Breadcrumb" className="text-sm">
            <ol className="flex flex-wrap gap-1">
              <li>
                <Link href="/models" className="text-accent underline">
                  Models
                </Link>
                <span aria-hidden="true"> /</span>
              </li>
              <li>
                <Link href={modelHref(lineage.name)} className="break-all text-accent underline">
                  {lineage.name}
                </Link>
              </li>
            </ol>
          </nav>
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
            <span className="break-all">
              {lineage.name} version {lineage.version}
            </span>
            {lineage.aliases.length > 0 && <AliasBadges aliases={lineage.aliases} />}
          </h1>
          {lineage.description && <MarkdownText text={lineage.description} className="max-w-3xl text-sm" />}
          <AsOf source="MLflow" asOf={lineage.asOf} staleBecause={lineage.staleBecause} />
        </div>

        <section aria-labelledby="lineage-heading" className="space-y-3">
          <h2 id="lineage-heading" className="text-lg font-semibold">
            Lineage
          </h2>
          <p className="text-sm text-ink-muted">From the data the model was trained on to the Azure ML deployments serving it. Each step links to its own page.</p>
          <LineageFlow lineage={lineage} />
        </section>

        <section aria-labelledby="comparison-heading" className="space-y-3">
          <h2 id="comparison-heading" className="text-lg font-semibold">
            Compared with the champion
          </h2>
          <ChampionComparison name={lineage.name} version={lineage.version} champion={lineage.champion} directions={directions} />
        </section>

        <PromotionSection model={lineage.name} version={lineage.version} />

        <section aria-labelledby="version-tags-heading" className="space-y-2">
          <h2 id="version-tags-heading" className="text-lg font-semibold">
            Version tags
          </h2>
          <div className="max-w-3xl">
            <KeyValueTable caption={`Tags of ${lineage.name} version ${lineage.version}`} rows={lineage.tags} keyLabel="Tag" empty="This version has no tags." />
          </div>
        </section>
      </div>
    ),
  );
}
