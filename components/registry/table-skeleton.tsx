/** A placeholder while a registry page reads MLflow: announced once, drawn as grey bars. */
export function TableSkeleton({ label, rows = 8 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" className="space-y-3" data-testid="loading">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true" className="h-7 w-64 animate-pulse rounded bg-surface-raised" />
      <div aria-hidden="true" className="h-4 w-full max-w-xl animate-pulse rounded bg-surface-raised" />
      <div aria-hidden="true" className="space-y-2">
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className="h-8 w-full animate-pulse rounded bg-surface-raised" />
        ))}
      </div>
    </div>
  );
}
