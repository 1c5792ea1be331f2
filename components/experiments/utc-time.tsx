import { formatUtc } from "@/lib/ui/format";

/** A time in UTC, machine-readable too. */
export function UtcTime({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span className="text-ink-muted">—</span>;
  return <time dateTime={new Date(value).toISOString()}>{formatUtc(value)}</time>;
}
