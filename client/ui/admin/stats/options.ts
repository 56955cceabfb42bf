import type { EChartsCoreOption } from "echarts/core";
import type { StatTable } from "./tables.js";

/**
 * ECharts options built from the same tables the screen reader and the exports get, so a chart can never show other
 * figures than its table. Pure: no ECharts code is imported here (types only).
 */

const GRID = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const numberAt = (row: { raw: unknown[] }, i: number): number => {
  const v = row.raw[i];
  return typeof v === "number" ? v : 0;
};
const firstShown = (table: StatTable) => table.rows.map((row) => row.shown[0] ?? "");
/** A line of a few points is hard to see (one point draws no line at all): those get their dots. */
const SHORT_SERIES = 4;
/** Legends with many names sit under the chart and wrap; a row of legend takes about 24 px. */
const legendFor = (names: readonly string[]) =>
  names.length > 3
    ? { legend: { type: "plain", bottom: 0, left: "center", itemGap: 14 }, grid: { ...GRID, bottom: 8 + 24 * Math.ceil(names.length / 3) } }
    : { legend: names.length > 1 ? { type: "scroll", top: 0, itemGap: 18 } : undefined, grid: GRID };

/** Lines over time: one series per value column (columns 1…). */
export function lineOption(table: StatTable, options: { area?: boolean; stacked?: boolean; step?: boolean } = {}): EChartsCoreOption {
  const names = table.columns.slice(1);
  return {
    ...legendFor(names),
    tooltip: { trigger: "axis" },
    // One category with no gap has no width to place its point in: short series keep the gap (the dot sits mid-band).
    xAxis: { type: "category", boundaryGap: table.rows.length <= SHORT_SERIES, data: firstShown(table) },
    yAxis: { type: "value", minInterval: 1 },
    series: names.map((name, s) => ({
      name,
      type: "line",
      showSymbol: table.rows.length <= SHORT_SERIES,
      symbolSize: 8,
      // A line's dots pop in as its drawing sweeps past them; a one-point line never sweeps, so they stay hidden.
      animation: table.rows.length > SHORT_SERIES ? undefined : false,
      step: options.step ? "end" : undefined,
      stack: options.stacked ? "total" : undefined,
      areaStyle: options.area ? { opacity: 0.55 } : undefined,
      emphasis: { focus: "series" },
      data: table.rows.map((row) => numberAt(row, s + 1)),
    })),
  };
}

/** Bars: categories from column 0, one series per value column; horizontal puts the first row on top. */
export function barOption(table: StatTable, options: { horizontal?: boolean; stacked?: boolean; colours?: string[] } = {}): EChartsCoreOption {
  const names = table.columns.slice(1);
  const categories = firstShown(table);
  const category = { type: "category", data: options.horizontal ? [...categories].reverse() : categories, axisLabel: { interval: 0, width: 110, overflow: "truncate" } };
  const value = { type: "value", minInterval: 1 };
  return {
    ...legendFor(names),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: options.horizontal ? value : category,
    yAxis: options.horizontal ? category : value,
    series: names.map((name, s) => {
      const values = table.rows.map((row, r) => ({ value: numberAt(row, s + 1), itemStyle: options.colours?.[r] ? { color: options.colours[r] } : undefined }));
      return { name, type: "bar", stack: options.stacked ? "total" : undefined, barMaxWidth: 36, data: options.horizontal ? values.reverse() : values };
    }),
  };
}

/** A heatmap of a table's value cells: rows are column 0's labels, columns the value headers. */
export function heatmapOption(table: StatTable, options: { share?: boolean } = {}): EChartsCoreOption {
  const xs = table.columns.slice(1);
  const ys = firstShown(table);
  const data: [number, number, number | "-"][] = [];
  let max = 0;
  table.rows.forEach((row, y) =>
    xs.forEach((_, x) => {
      const v = row.raw[x + 1];
      if (typeof v === "number") {
        data.push([x, y, v]);
        max = Math.max(max, v);
      } else data.push([x, y, "-"]);
    }),
  );
  return {
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    tooltip: { position: "top" },
    xAxis: { type: "category", data: xs, splitArea: { show: true } },
    yAxis: { type: "category", data: ys, inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: options.share ? 1 : Math.max(1, max),
      calculable: false,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ["#fffaf0", "#dcebd0", "#7fb069", "#2f6b4a"] },
    },
    series: [{ type: "heatmap", data, emphasis: { itemStyle: { borderColor: "#233127", borderWidth: 1 } } }],
  };
}

/** Two series overlaid by minute since each session's start (the compare page). */
export function overlayOption(a: { name: string; values: readonly number[] }, b: { name: string; values: readonly number[] }, minuteLabels: string[]): EChartsCoreOption {
  return {
    grid: GRID,
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0, itemGap: 18 },
    xAxis: { type: "category", boundaryGap: minuteLabels.length <= SHORT_SERIES, data: minuteLabels },
    yAxis: { type: "value", minInterval: 1 },
    // A session of a few seconds has one point, which a line alone never draws: its dots show it.
    series: [a, b].map((s) => ({ name: s.name, type: "line", showSymbol: s.values.length <= SHORT_SERIES, symbolSize: 8, animation: s.values.length > SHORT_SERIES ? undefined : false, data: [...s.values] })),
  };
}
