"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import type { ModelListQuery } from "@/lib/domain/model-list";
import { DEFAULT_PAGE_SIZE } from "@/lib/domain/model-page-size";

const FIELD = "w-full rounded border border-line bg-surface px-2 py-1.5 text-sm placeholder:text-ink-muted";

/**
 * The models page's filters as a GET form: they live in the URL and work without script; with
 * script, empty fields stay out of the URL and the page changes without a full reload.
 */
export function ModelFilters({ query }: { query: ModelListQuery }) {
  const router = useRouter();
  const filtered = Boolean(query.q || query.tag || query.alias);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") params.set(key, value.trim());
    }
    const search = params.toString();
    router.push(search ? `/models?${search}` : "/models");
  };
  return (
    <form method="get" action="/models" onSubmit={submit} role="search" aria-label="Filter models" className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface-raised p-3">
      <div className="min-w-48 flex-1">
        <label htmlFor="model-q" className="mb-1 block text-sm font-medium">
          Name contains
        </label>
        <input id="model-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} placeholder="e.g. churn" className={FIELD} />
      </div>
      <div className="min-w-48 flex-1">
        <label htmlFor="model-tag" className="mb-1 block text-sm font-medium">
          Tag <span className="font-normal text-ink-muted">(key=value)</span>
        </label>
        <input
          id="model-tag"
          name="tag"
          type="text"
          defaultValue={query.tag ? `${query.tag.key}=${query.tag.value}` : ""}
          maxLength={460}
          placeholder="e.g. team=retention-analytics"
          className={FIELD}
        />
      </div>
      <div className="w-44">
        <label htmlFor="model-alias" className="mb-1 block text-sm font-medium">
          Has alias
        </label>
        <input id="model-alias" name="alias" type="text" list="known-aliases" defaultValue={query.alias ?? ""} maxLength={255} placeholder="e.g. champion" className={FIELD} />
        <datalist id="known-aliases">
          <option value="champion" />
          <option value="challenger" />
        </datalist>
      </div>
      {query.size !== DEFAULT_PAGE_SIZE && <input type="hidden" name="size" value={query.size} />}
      <div className="flex items-center gap-3">
        <button type="submit" className="rounded bg-accent px-4 py-1.5 text-sm font-medium text-accent-ink">
          Search
        </button>
        {filtered && (
          <Link href="/models" className="text-sm text-accent underline">
            Clear filters
          </Link>
        )}
      </div>
    </form>
  );
}
