import type { DecisionAnnotation } from "@/lib/domain/monitoring/decision-annotations";
import { formatUtc } from "@/lib/ui/format";
import { decisionKindName, DecisionGlyph } from "./decision-mark";
import { formatCount } from "./monitoring-format";

/**
 * The decisions drawn on the charts, in words under them, oldest first: when, who, what, why, and
 * a link to the record; and how many more the range holds than were drawn.
 */
export function DecisionList({ annotations, leftOut }: { annotations: readonly DecisionAnnotation[]; leftOut: number }) {
  return (
    <div className="space-y-2" data-testid="decision-list">
      {annotations.length === 0 ? (
        <p className="text-sm text-ink-muted">No approvals, alias moves or rollout steps for this model in this range.</p>
      ) : (
        <ol className="space-y-1.5 text-sm">
          {annotations.map((annotation, index) => (
            <li key={`${annotation.at}:${index}`} className="grid grid-cols-[1.25rem_11rem_1fr] gap-x-2" data-kind={annotation.kind} data-testid="decision">
              <span className="text-center"><DecisionGlyph kind={annotation.kind} /></span>
              <time dateTime={annotation.at} className="whitespace-nowrap text-ink-muted tabular-nums">{formatUtc(annotation.at)}</time>
              <span>
                <span className="sr-only">{decisionKindName(annotation.kind)}: </span>
                <a href={annotation.href} className="text-accent underline">{annotation.title}</a> by {annotation.who}
                {annotation.why && <span className="text-ink-muted"> — {annotation.why}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
      {leftOut > 0 && (
        <p className="text-sm text-ink-muted" data-testid="decisions-left-out">
          {leftOut === 1 ? "1 more decision in this range is not drawn" : `${formatCount(leftOut)} more decisions in this range are not drawn`} (the oldest are shown): narrow the range to see them.
        </p>
      )}
    </div>
  );
}
