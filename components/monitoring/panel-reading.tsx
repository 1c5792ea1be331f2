import type { ReactNode } from "react";
import { AsOf } from "@/components/feedback/as-of";
import { UpstreamProblemPanel } from "@/components/feedback/upstream-problem-panel";
import type { PanelReading as Reading } from "@/lib/monitoring/monitoring-reads";

interface PanelReadingProps<T> {
  reading: Reading<T>;
  /** The upstream named in "as of" and "not answering", e.g. "Log Analytics". */
  source: string;
  /** Quoted in the "not answering" panel; the page's own request id when left out. */
  requestId?: string | null;
  /** The instant ages are measured from (tests pin it); the server's clock otherwise. */
  now?: string;
  children: (value: T) => ReactNode;
}

/**
 * One monitoring panel's data with its provenance: when it was read, or the last good copy with
 * its age and why, or (nothing read before) the "not answering" panel in place of the panel alone.
 */
export function PanelReading<T>({ reading, source, requestId, now, children }: PanelReadingProps<T>) {
  if (reading.problem) return <UpstreamProblemPanel problem={reading.problem} requestId={requestId} />;
  return (
    <div className="space-y-2">
      <AsOf source={source} asOf={reading.asOf} staleBecause={reading.staleBecause ?? undefined} now={now} />
      {children(reading.value)}
    </div>
  );
}
