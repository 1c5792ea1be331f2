/** Key: value tags, a few shown and the rest counted. */
export function TagList({ tags, limit = 4 }: { tags: { key: string; value: string }[]; limit?: number }) {
  if (tags.length === 0) return <span className="text-ink-muted">—</span>;
  const shown = tags.slice(0, limit);
  return (
    <ul className="flex flex-wrap gap-1">
      {shown.map((tag) => (
        <li key={tag.key} className="max-w-[18rem] truncate rounded border border-line px-1.5 py-0.5 text-xs" title={`${tag.key}: ${tag.value}`}>
          <span className="text-ink-muted">{tag.key}:</span> {tag.value}
        </li>
      ))}
      {tags.length > limit && <li className="px-1 py-0.5 text-xs text-ink-muted">+{tags.length - limit} more</li>}
    </ul>
  );
}
