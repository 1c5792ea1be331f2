"use client";

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartPoint } from "@/lib/experiments/metric-history";

interface MetricHistoryChartProps {
  metricKey: string;
  points: ChartPoint[];
  /** The chart's text alternative (first, last, min, max), also read out as its description. */
  description: string;
}

// Fixed locale: the server and the browser must write the same tick labels.
const TICK_FORMAT = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });

/**
 * One metric's value by step as a line. Colors come from the theme's CSS variables, so the chart
 * follows light and dark; keyboard users can step through points (Recharts' accessibility layer).
 */
export function MetricHistoryChart({ metricKey, points, description }: MetricHistoryChartProps) {
  return (
    <LineChart
      responsive
      data={points}
      title={`${metricKey} by step`}
      desc={description}
      style={{ width: "100%", height: 200 }}
      margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
    >
      <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
      <XAxis
        dataKey="step"
        type="number"
        domain={["dataMin", "dataMax"]}
        allowDecimals={false}
        stroke="var(--line)"
        tick={{ fill: "var(--ink-muted)", fontSize: 12 }}
      />
      <YAxis
        domain={["auto", "auto"]}
        width={60}
        stroke="var(--line)"
        tick={{ fill: "var(--ink-muted)", fontSize: 12 }}
        tickFormatter={(value: number) => TICK_FORMAT.format(value)}
      />
      <Tooltip
        contentStyle={{ background: "var(--surface-raised)", border: "1px solid var(--line)", color: "var(--ink)" }}
        labelStyle={{ color: "var(--ink-muted)" }}
        itemStyle={{ color: "var(--ink)" }}
        labelFormatter={(step) => `Step ${step}`}
      />
      <Line
        type="monotone"
        dataKey="value"
        name={metricKey}
        stroke="var(--accent)"
        strokeWidth={2}
        dot={points.length <= 40 ? { r: 2, fill: "var(--accent)" } : false}
        isAnimationActive={false}
        connectNulls={false}
      />
    </LineChart>
  );
}
