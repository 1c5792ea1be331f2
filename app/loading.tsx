export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-3" data-testid="loading">
      <span className="sr-only">Loading…</span>
      <div aria-hidden="true" className="h-7 w-64 animate-pulse rounded bg-surface-raised" />
      <div aria-hidden="true" className="h-4 w-full max-w-xl animate-pulse rounded bg-surface-raised" />
      <div aria-hidden="true" className="h-40 w-full animate-pulse rounded bg-surface-raised" />
    </div>
  );
}
