/** A dash for sighted readers, words for screen readers. */
export function MissingValue({ meaning = "none" }: { meaning?: string }) {
  return (
    <span className="text-ink-muted">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{meaning}</span>
    </span>
  );
}
