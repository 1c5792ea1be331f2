import { formatUtc } from "@/lib/ui/format";

export interface AuditRow {
  seq: string;
  occurredAt: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  data: unknown;
  requestId: string | null;
  hash: string;
}

function subjectHref(row: AuditRow): string | null {
  if (row.subjectType !== "model_version") return null;
  const [model, version] = row.subjectId.split("/");
  return model && version ? `/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}` : null;
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-ink-muted">No audit events match these filters. Widen the time range or clear a filter.</p>;
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid="audit-table">
      <caption className="sr-only">Audit events, newest first</caption>
      <thead>
        <tr className="border-b border-line text-ink-muted">
          <th scope="col" className="py-2 pr-3 font-medium">#</th>
          <th scope="col" className="py-2 pr-3 font-medium">When</th>
          <th scope="col" className="py-2 pr-3 font-medium">Actor</th>
          <th scope="col" className="py-2 pr-3 font-medium">Kind</th>
          <th scope="col" className="py-2 pr-3 font-medium">Subject</th>
          <th scope="col" className="py-2 font-medium">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const href = subjectHref(row);
          return (
            <tr key={row.seq} className="border-b border-line align-top" data-action={row.action}>
              <td className="py-2 pr-3 tabular-nums">{row.seq}</td>
              <td className="py-2 pr-3 whitespace-nowrap"><time dateTime={row.occurredAt}>{formatUtc(row.occurredAt)}</time></td>
              <td className="py-2 pr-3">{row.actor}</td>
              <td className="py-2 pr-3 font-mono">{row.action}</td>
              <td className="py-2 pr-3">{href ? <a className="text-accent underline" href={href}>{row.subjectId}</a> : `${row.subjectType} ${row.subjectId}`}</td>
              <td className="py-2">
                <details>
                  <summary className="cursor-pointer">Data and hash</summary>
                  <pre className="mt-1 max-w-xl overflow-auto whitespace-pre-wrap break-all text-xs">{JSON.stringify(row.data, null, 2)}</pre>
                  <p className="text-xs text-ink-muted">request id {row.requestId ?? "—"}; hash <span className="break-all font-mono">{row.hash}</span></p>
                </details>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
