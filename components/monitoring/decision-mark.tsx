import type { AnnotationKind, DecisionAnnotation } from "@/lib/domain/monitoring/decision-annotations";

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
