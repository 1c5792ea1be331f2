import type { AliasEntry } from "@/lib/registry/registry-views";
import { formatUtc } from "@/lib/ui/format";
import { AliasBadge, VersionLink } from "./alias-badges";
import { MissingValue } from "./missing-value";

/** Owner, dates and aliases of a registered model, as a description list. */
export function ModelSummary({ name, owner, createdAt, lastUpdated, aliases, versionCount }: { name: string; owner: string | null; createdAt: number | null; lastUpdated: number | null; aliases: AliasEntry[]; versionCount: number }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr_max-content_1fr]">
      <dt className="text-ink-muted">Owner</dt>
      <dd>{owner ?? <MissingValue meaning="unknown" />}</dd>
      <dt className="text-ink-muted">Versions</dt>
      <dd>{versionCount}</dd>
      <dt className="text-ink-muted">Created</dt>
      <dd className="tabular-nums">{formatUtc(createdAt)}</dd>
      <dt className="text-ink-muted">Last update</dt>
      <dd className="tabular-nums">{formatUtc(lastUpdated)}</dd>
      <dt className="text-ink-muted">Aliases</dt>
      <dd className="flex flex-wrap gap-3 sm:col-span-3" data-testid="model-aliases">
        {aliases.length === 0 ? (
          <MissingValue meaning="no alias" />
        ) : (
          aliases.map((entry) => (
            <span key={entry.alias} className="inline-flex items-center gap-1">
              <AliasBadge alias={entry.alias} /> <VersionLink model={name} version={entry.version} label={entry.alias} />
            </span>
          ))
        )}
      </dd>
    </dl>
  );
}
