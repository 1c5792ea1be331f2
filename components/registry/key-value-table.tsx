/** Tags or params as a two-column table; values are MLflow text, shown as text. */
export function KeyValueTable({ caption, rows, keyLabel = "Key", valueLabel = "Value", empty }: { caption: string; rows: { key: string; value: string }[]; keyLabel?: string; valueLabel?: string; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-ink-muted">{empty}</p>;
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-line text-ink-muted">
          <th scope="col" className="py-1.5 pr-4 font-medium">
            {keyLabel}
          </th>
          <th scope="col" className="py-1.5 font-medium">
            {valueLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-line align-top">
            <th scope="row" className="py-1.5 pr-4 font-mono text-xs font-normal break-all">
              {row.key}
            </th>
            <td className="py-1.5 font-mono text-xs break-all">{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
