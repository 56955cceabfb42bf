import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { BarChart, HeatmapChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { init, use as registerEcharts, type EChartsCoreOption, type EChartsType } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { DataTable } from "./DataTable.js";
import type { StatTable } from "./tables.js";

// Only what the pages draw: the statistics chunk stays small and the venue's bundle never sees ECharts (App.tsx
// loads these pages by import()). ECharts carries its EN and ZH locales in its core.
registerEcharts([LineChart, BarChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

/** The product's warm palette, in the order series take it. */
export const CHART_COLOURS = ["#2f6b4a", "#e8a33d", "#7fb069", "#c0562f", "#3f8f9a", "#8c6bb1", "#b8860b", "#5c7d3a", "#d17a8a", "#6b7f99", "#9a8c6b"];

const reducedMotion = () => typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

interface ChartProps {
  /** data-chart / data-chart-table name (the e2e test finds charts by it). */
  name: string;
  option: EChartsCoreOption;
  table: StatTable;
  slug: string;
  height?: number;
}

/**
 * One chart: ECharts (SVG renderer, the UI's language) drawn into a box that follows its container's width, with the
 * same figures as a table that is always in the page (folded under "Show as table"): the chart itself is hidden from
 * screen readers (ECharts' aria off) since the table says it better. Animation is off for prefers-reduced-motion.
 */
export function Chart({ name, option, table, slug, height = 280 }: ChartProps) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const family = useRef("sans-serif");
  const locale = i18n.language === "zh-CN" ? "ZH" : "EN";

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // ECharts measures legend and label widths itself: "inherit" measures in its default font while the SVG draws in
    // the page's wider one, so legend names ran into each other. The page's real font family keeps the two the same.
    family.current = getComputedStyle(element).fontFamily || "sans-serif";
    const instance = init(element, null, { renderer: "svg", locale });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    // Merged, not replaced: a live refresh moves the lines in place instead of redrawing the chart.
    chart.current?.setOption({ color: CHART_COLOURS, textStyle: { fontFamily: family.current }, ...option, aria: { show: false }, animation: !reducedMotion() }, { lazyUpdate: true });
  }, [option, locale]);

  return (
    <figure className="stats-chart" data-chart={name}>
      <figcaption className="stats-chart-title">{table.caption}</figcaption>
      <div ref={box} className="stats-chart-canvas" style={{ height }} aria-hidden="true" />
      <details className="stats-chart-details">
        <summary>{t("stats.showTable")}</summary>
        <DataTable table={table} slug={slug} chartName={name} />
      </details>
    </figure>
  );
}
