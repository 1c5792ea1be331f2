// The look every Recharts chart shares: theme colors through CSS variables (so charts follow light
// and dark), muted axes and grid, a tooltip on the raised surface, and tick numbers in a fixed
// locale (the server and the browser must write the same labels).

/** Plot heights in px, shared by each chart and the placeholder that holds its place while Recharts loads. */
export const CHART_HEIGHT = { metricHistory: 200, deployment: 220 } as const;

export const CHART_TICK_FORMAT = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });

export const chartGridProps = { stroke: "var(--line)", strokeDasharray: "3 3" } as const;

export const chartAxisProps = { stroke: "var(--line)", tick: { fill: "var(--ink-muted)", fontSize: 12 } } as const;

export const chartTooltipProps = {
  contentStyle: { background: "var(--surface-raised)", border: "1px solid var(--line)", color: "var(--ink)" },
  labelStyle: { color: "var(--ink-muted)" },
  itemStyle: { color: "var(--ink)" },
} as const;
