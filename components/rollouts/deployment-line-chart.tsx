"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_HEIGHT, CHART_TICK_FORMAT, chartAxisProps, chartGridProps, chartTooltipProps } from "@/components/charts/chart-style";
import { formatUtc } from "@/lib/ui/format";

export interface DeploymentLineChartProps {
  /** One row per bin start (`at`, ms), one column per line (s0, s1, …), as chartRows makes them. */
  rows: Record<string, number | null>[];
  /** Each line's label, in the order of its column. */
  labels: string[];
  title: string;
  unit: string;
  /** The chart's text alternative, also read out as its description. */
  description: string;
  /** The step window the rows cover, ISO [from, to). */
  window: { from: string; to: string };
}

// Color and dash both tell the deployments apart (never color alone); candidates take the accent.
const STROKES = [
  { stroke: "var(--ink-muted)", dash: undefined },
  { stroke: "var(--accent)", dash: "6 3" },
  { stroke: "var(--warn)", dash: "2 3" },
  { stroke: "var(--ok)", dash: "8 3 2 3" },
];

const number = (value: number) => CHART_TICK_FORMAT.format(value);

function timeTick(window: { from: string; to: string }): (ms: number) => string {
  const longerThanADay = Date.parse(window.to) - Date.parse(window.from) > 86_400_000;
  return (ms) => new Date(ms).toISOString().slice(longerThanADay ? 5 : 11, 16).replace("T", " ");
}

/** One metric of every deployment over the step's window, one line each (the Recharts part of a deployment chart). */
export function DeploymentLineChart({ rows, labels, title, unit, description, window }: DeploymentLineChartProps) {
  return (
    <LineChart responsive data={rows} title={`${title} per arm`} desc={description} style={{ width: "100%", height: CHART_HEIGHT.deployment }} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
      <CartesianGrid {...chartGridProps} />
      <XAxis dataKey="at" type="number" scale="time" domain={[Date.parse(window.from), Date.parse(window.to)]} tickFormatter={timeTick(window)} {...chartAxisProps} />
      <YAxis domain={[0, "auto"]} width={60} {...chartAxisProps} tickFormatter={(value: number) => number(value)} />
      <Tooltip {...chartTooltipProps} labelFormatter={(ms) => formatUtc(Number(ms))} formatter={(value) => `${number(Number(value))} ${unit}`} />
      <Legend wrapperStyle={{ color: "var(--ink)", fontSize: 12 }} />
      {labels.map((label, index) => {
        const style = STROKES[index % STROKES.length]!;
        return (
          <Line
            key={label}
            type="monotone"
            dataKey={`s${index}`}
            name={label}
            stroke={style.stroke}
            strokeDasharray={style.dash}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        );
      })}
    </LineChart>
  );
}
