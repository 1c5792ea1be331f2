"use client";

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartPoint } from "@/lib/experiments/metric-history";
import { CHART_HEIGHT, CHART_TICK_FORMAT, chartAxisProps, chartGridProps, chartTooltipProps } from "./chart-style";

interface MetricHistoryChartProps {
  metricKey: string;
  points: ChartPoint[];
  /** The chart's text alternative (first, last, min, max), also read out as its description. */
  description: string;
}

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
      style={{ width: "100%", height: CHART_HEIGHT.metricHistory }}
      margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
    >
      <CartesianGrid {...chartGridProps} />
      <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} allowDecimals={false} {...chartAxisProps} />
      <YAxis domain={["auto", "auto"]} width={60} {...chartAxisProps} tickFormatter={(value: number) => CHART_TICK_FORMAT.format(value)} />
      <Tooltip {...chartTooltipProps} labelFormatter={(step) => `Step ${step}`} />
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
