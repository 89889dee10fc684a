/**
 * A thin React wrapper around ECharts (tree-shaken: line and bar charts on the canvas
 * renderer; scatter for the outlet charts' invalid hours). The chart follows its box (ResizeObserver) and is disposed with the component.
 * The container is an image for assistive technology; the caller gives it a text label that
 * says what the chart shows, and usually a table or list with the same numbers nearby.
 */
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import './charts.css';

echarts.use([
  LineChart,
  BarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** Colours and type that match the dark theme (web/src/styles/app.css). */
export const CHART_THEME = {
  text: '#a6b5ca',
  strong: '#e8eef7',
  axis: 'rgba(148, 163, 184, 0.35)',
  split: 'rgba(148, 163, 184, 0.12)',
  accent: '#38bdf8',
  tooltipBg: 'rgba(6, 12, 22, 0.96)',
  font: "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif",
};

export const baseTooltip = {
  backgroundColor: CHART_THEME.tooltipBg,
  borderColor: 'rgba(56, 189, 248, 0.5)',
  textStyle: { color: CHART_THEME.strong, fontFamily: CHART_THEME.font, fontSize: 12 },
  confine: true,
};

export function EChart({
  option,
  height,
  label,
  testId,
}: {
  option: ChartOption;
  height: number;
  label: string;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      { textStyle: { fontFamily: CHART_THEME.font, color: CHART_THEME.text }, animationDuration: 400, ...option },
      { notMerge: true },
    );
  }, [option]);

  return <div ref={box} className="echart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
