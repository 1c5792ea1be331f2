/** A page's shape while its upstream answers: says what is loading (for screen readers too), then grey bars. */
export function PageLoading({ label, rows = 6, charts = false }: { label: string; rows?: number; charts?: boolean }) {
  return (
    <div role="status" aria-live="polite" className="space-y-3" data-testid="loading">
      <p className="text-sm text-ink-muted">{label}</p>
      <div aria-hidden="true" className="h-7 w-72 animate-pulse rounded bg-surface-raised" />
      <div aria-hidden="true" className="h-4 w-full max-w-xl animate-pulse rounded bg-surface-raised" />
      {charts ? (
        <div aria-hidden="true" className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {[0, 1, 2].map((index) => (
            <div key={index} className="h-56 animate-pulse rounded bg-surface-raised" />
          ))}
        </div>
      ) : (
        <div aria-hidden="true" className="space-y-2">
          {Array.from({ length: rows }, (_, index) => (
            <div key={index} className="h-8 w-full animate-pulse rounded bg-surface-raised" />
          ))}
        </div>
      )}
    </div>
  );
}
