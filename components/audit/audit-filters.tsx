import Link from "next/link";

export interface AuditFilterValues {
  actor?: string;
  model?: string;
  kind?: string;
  from?: string;
  to?: string;
}

const input = "rounded border border-line bg-surface px-2 py-1";

/** A GET form: the filters live in the URL, so a filtered view is a link to share. */
export function AuditFilters({ values, kinds, exportHref }: { values: AuditFilterValues; kinds: string[]; exportHref: string }) {
  return (
    <form method="get" action="/audit" className="flex flex-wrap items-end gap-3 rounded border border-line p-3" aria-label="Filter the audit trail">
      <div className="flex flex-col gap-1">
        <label htmlFor="actor" className="text-sm font-medium">Actor</label>
        <input id="actor" name="actor" defaultValue={values.actor} placeholder="name contains" className={input} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="model" className="text-sm font-medium">Model</label>
        <input id="model" name="model" defaultValue={values.model} placeholder="e.g. churn_xgb" className={input} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="kind" className="text-sm font-medium">Kind</label>
        <select id="kind" name="kind" defaultValue={values.kind ?? ""} className={input}>
          <option value="">Any kind</option>
          {[...new Set(kinds.map((kind) => `${kind.split(".")[0]}.`))].map((prefix) => (
            <option key={prefix} value={prefix}>{`${prefix}* (all)`}</option>
          ))}
          {kinds.map((kind) => (
            <option key={kind} value={kind}>{kind}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="from" className="text-sm font-medium">From (UTC)</label>
        <input id="from" name="from" type="date" defaultValue={values.from?.slice(0, 10)} className={input} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="to" className="text-sm font-medium">To (UTC, inclusive)</label>
        <input id="to" name="to" type="date" defaultValue={values.to?.slice(0, 10)} className={input} />
      </div>
      <button type="submit" className="rounded bg-accent px-3 py-1.5 font-medium text-accent-ink">Apply filters</button>
      <Link href="/audit" className="px-1 py-1.5 text-accent underline">Clear</Link>
      <a href={exportHref} className="ml-auto px-1 py-1.5 text-accent underline" data-testid="audit-export">Export CSV</a>
    </form>
  );
}
