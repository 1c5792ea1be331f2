import type { AnnotationKind, DecisionAnnotation } from "@/lib/domain/monitoring/decision-annotations";
import { formatUtc } from "@/lib/ui/format";

/** Each kind of decision keeps one shape and colour wherever it is drawn; the shape, not the colour, tells them apart. */
const MARKS: Record<AnnotationKind, { glyph: string; tone: string; name: string }> = {
  approval: { glyph: "✓", tone: "text-ok", name: "Approval" },
  rejection: { glyph: "✕", tone: "text-bad", name: "Rejection" },
  alias: { glyph: "@", tone: "text-accent", name: "Alias move" },
  rollout: { glyph: "▲", tone: "text-accent", name: "Rollout step" },
  rollback: { glyph: "↺", tone: "text-bad", name: "Rollback" },
};

/** "who: title — why", or "who: title" when no reason was given. */
export function decisionText(annotation: Pick<DecisionAnnotation, "who" | "title" | "why">): string {
  return `${annotation.who}: ${annotation.title}${annotation.why ? ` — ${annotation.why}` : ""}`;
}

/** The kind's glyph, hidden from screen readers (the text beside it, or the link's name, says it). */
export function DecisionGlyph({ kind }: { kind: AnnotationKind }) {
  const mark = MARKS[kind];
  return (
    <span aria-hidden="true" className={`font-semibold ${mark.tone}`}>
      {mark.glyph}
    </span>
  );
}

export function decisionKindName(kind: AnnotationKind): string {
  return MARKS[kind].name;
}

/**
 * Stagegate's decisions as vertical markers on a chart's time axis, each a link to its version's
 * timeline whose tooltip says who and why; `x` maps an instant to the chart's horizontal position.
 */
export function DecisionMarkers({ annotations, x, top, bottom }: { annotations: readonly DecisionAnnotation[]; x: (iso: string) => number; top: number; bottom: number }) {
  return annotations.map((annotation, index) => (
    <a key={`${annotation.at}:${index}`} href={annotation.href} data-testid="annotation" aria-label={`${decisionKindName(annotation.kind)}, ${formatUtc(annotation.at)}: ${decisionText(annotation)}`}>
      <title>{decisionText(annotation)}</title>
      <line x1={x(annotation.at)} y1={top - 4} x2={x(annotation.at)} y2={bottom} className="text-accent" stroke="currentColor" strokeWidth={1} strokeDasharray="2 2" />
      <circle cx={x(annotation.at)} cy={top - 8} r={5} className="fill-accent" />
    </a>
  ));
}
