import type { Metadata } from "next";
import Link from "next/link";
import { renderVerb } from "@/app/_components/verb-page";
import { AsOf } from "@/components/feedback/as-of";
import { Pager } from "@/components/mlflow/pager";
import { ModelFilters } from "@/components/registry/model-filters";
import { ModelsEmptyState } from "@/components/registry/models-empty-state";
import { ModelsTable } from "@/components/registry/models-table";
import { Notice } from "@/components/registry/notice";
import { requirePageContext } from "@/lib/auth/request-context";
import { modelListHref, parseModelListQuery } from "@/lib/domain/model-list";
import { listModels } from "@/lib/registry/list-models";
import { requestServices } from "@/lib/services/request-services";

export const metadata: Metadata = { title: "Models" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ModelsPage({ searchParams }: { searchParams: SearchParams }) {
  const { query, problems } = parseModelListQuery(await searchParams);
  const ctx = await requirePageContext(modelListHref(query, query.page));
  const services = await requestServices();
  return renderVerb(
    () => listModels(ctx, query, services),
    (list) => (
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold">Models</h1>
          <p className="text-ink-muted">Every model registered in MLflow, by name, with the versions its champion and challenger aliases point at.</p>
        </div>
        <ModelFilters query={query} />
        {problems.map((problem) => (
          <Notice key={problem} tone="warn">
            {problem}
          </Notice>
        ))}
        {list.problem && (
          <Notice tone="warn" testId="list-problem">
            {list.problem}{" "}
            <Link href={modelListHref({ ...query, page: undefined })} className="text-accent underline">
              First page
            </Link>
          </Notice>
        )}
        {query.alias && (
          <Notice testId="alias-note">
            MLflow search cannot filter by alias, so Stagegate keeps the models with alias <code className="font-mono">@{query.alias}</code> from each page it
            fetches{list.hiddenByAlias > 0 ? ` (${list.hiddenByAlias} on this page have no such alias)` : ""}
            {list.nextPageToken ? "; later pages may hold more." : "."}
          </Notice>
        )}
        <AsOf source="MLflow" asOf={list.asOf} staleBecause={list.staleBecause} />
        {list.filterText && (
          <p className="text-xs text-ink-muted">
            MLflow filter: <code className="font-mono">{list.filterText}</code>
          </p>
        )}
        {list.rows.length > 0 ? (
          <>
            <p className="text-sm text-ink-muted" data-testid="models-count">
              {list.rows.length} model{list.rows.length === 1 ? "" : "s"} on this page{list.nextPageToken ? "; more on the next pages" : ""}.
            </p>
            <ModelsTable rows={list.rows} />
          </>
        ) : (
          !list.problem && <ModelsEmptyState filtered={Boolean(query.q || query.tag || query.alias)} hasNextPage={Boolean(list.nextPageToken)} />
        )}
        <Pager
          label="Pages of models"
          firstHref={list.isFirstPage ? null : modelListHref({ ...query, page: undefined })}
          nextHref={list.nextPageToken ? modelListHref(query, list.nextPageToken) : null}
        />
      </div>
    ),
  );
}
