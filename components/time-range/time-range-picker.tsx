import Link from "next/link";
import { TIME_RANGE_PRESETS, timeRangeSearch, type TimeRange } from "@/lib/domain/time-range";
import { formatUtc } from "@/lib/ui/format";
import { LiveRefresh } from "./live-refresh";

const input = "w-40 rounded border border-line bg-surface px-2 py-1 font-mono text-sm";

/**
 * The one time range control of the insight pages: preset links and a GET form, so the range lives in
 * the URL (a view is a link to share) and the control needs no client JS.
 */
export function TimeRangePicker({ range, basePath, keep = {}, refreshAt = null }: { range: TimeRange; basePath: string; keep?: Record<string, string>; refreshAt?: string | null }) {
  const kept = Object.entries(keep).filter(([key]) => key !== "from" && key !== "to");
  return (
    <nav aria-label="Time range" className="space-y-2 rounded border border-line p-3">
      <div className="flex flex-wrap items-end gap-3">
        <ul className="flex flex-wrap gap-1" aria-label="Presets">
          {TIME_RANGE_PRESETS.map((preset) => {
            const active = range.fromText === preset.from && range.toText === preset.to;
            return (
              <li key={preset.from}>
                {/* Each preset is a set of upstream queries: fetch it on click, not when it scrolls into view. */}
                <Link
                  prefetch={false}
                  href={`${basePath}?${timeRangeSearch(preset, keep)}`}
                  aria-current={active ? "true" : undefined}
                  className={`block rounded px-3 py-1.5 text-sm ${active ? "bg-accent text-accent-ink" : "text-accent underline hover:bg-surface-raised"}`}
                >
                  {preset.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <form method="get" action={basePath} className="flex flex-wrap items-end gap-3" aria-label="Custom time range">
          {kept.map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
          <div className="flex flex-col gap-1">
            <label htmlFor="time-range-from" className="text-sm font-medium">From</label>
            <input id="time-range-from" name="from" defaultValue={range.fromText} placeholder="now-7d" className={input} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="time-range-to" className="text-sm font-medium">To</label>
            <input id="time-range-to" name="to" defaultValue={range.toText} placeholder="now" className={input} />
          </div>
          <button type="submit" className="rounded bg-accent px-3 py-1.5 font-medium text-accent-ink">Apply</button>
        </form>
      </div>
      <p className="text-sm text-ink-muted" data-testid="time-range-resolved">
        <span className="font-medium text-ink">{range.label}</span>: from <time dateTime={range.from.toISOString()}>{formatUtc(range.from)}</time> to{" "}
        <time dateTime={range.to.toISOString()}>{formatUtc(range.to)}</time>
        {range.live && <> (live)</>}. Write now, now-24h, now-7d, now/d or a date like 2026-11-20.
      </p>
      {range.live && refreshAt && (
        <p className="text-sm text-ink-muted">
          <LiveRefresh refreshAt={refreshAt} />
        </p>
      )}
    </nav>
  );
}
