"use client";

import dynamic from "next/dynamic";
import { ChartPlaceholder } from "./chart-placeholder";
import { CHART_HEIGHT } from "./chart-style";

// Recharts is loaded after the page, in the browser only: the server renders a placeholder of the
// chart's size, next to the text alternative and the values table.
export const LazyMetricHistoryChart = dynamic(() => import("./metric-history-chart").then((module) => module.MetricHistoryChart), {
  ssr: false,
  loading: () => <ChartPlaceholder height={CHART_HEIGHT.metricHistory} />,
});
