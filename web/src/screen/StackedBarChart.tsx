/**
 * Horizontal stacked bars of the three colours (echarts, SVG renderer: crisp at any screen
 * size). Red is stacked first, from the axis, so red bars line up and compare at a glance;
 * the total and the red count close each bar. Font sizes follow the screen's rem scale.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { memo, useEffect, useMemo, useRef } from 'react';
import { CODE_COLOURS } from '../map/palette';
import { fmtInt } from './screen-format';
import { COLOUR_TEXT, st } from './screen-text';
import { useRemScale } from './use-rem-scale';

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

export type BarRow = { name: string; red: number; yellow: number; green: number; total: number };

type Props = { rows: BarRow[]; label: string; testId?: string };

const TEXT = '#dbe5f3';
const MUTED = '#9fb0c8';

export const StackedBarChart = memo(function StackedBarChart({ rows, label, testId }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const s = useRemScale();

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  const option = useMemo(() => {
    const ordered = [...rows].reverse(); // echarts draws category axes bottom-up
    const maxTotal = Math.max(1, ...rows.map((r) => r.total));
    // Room on the right for the longest "total 红 n" label: province totals are six or seven digits.
    const digits = (n: number) => fmtInt(n).length;
    const labelWidth = Math.max(...rows.map((r) => 9.3 * digits(r.total) + 8.7 * digits(r.red)), 0) + 40;
    const series = (['red', 'yellow', 'green'] as const).map((c) => ({
      name: COLOUR_TEXT[c].name,
      type: 'bar' as const,
      stack: 'codes',
      barWidth: '62%',
      barMaxWidth: 30 * s,
      itemStyle: { color: CODE_COLOURS[c] },
      emphasis: { disabled: true },
      data: ordered.map((r) => r[c]),
      label:
        c === 'green'
          ? {
              show: true,
              position: 'right' as const,
              distance: 8 * s,
              formatter: (p: { dataIndex: number }) => {
                const r = ordered[p.dataIndex];
                return `{t|${fmtInt(r.total)}}{r|${st('screen.bar.red', { n: fmtInt(r.red) })}}`;
              },
              rich: {
                t: { color: TEXT, fontSize: 15 * s, fontWeight: 700 as const },
                r: { color: '#fca5a5', fontSize: 14 * s, fontWeight: 700 as const, padding: [0, 0, 0, 10 * s] },
              },
            }
          : c === 'yellow'
            ? {
                show: true,
                position: 'insideLeft' as const,
                color: '#1f1300',
                fontSize: 13 * s,
                fontWeight: 700 as const,
                // Only where the segment is wide enough to hold its number: bars are scaled to the
                // largest total, and a digit takes about 2.5 % of the plot's width.
                formatter: (p: { value: number }) =>
                  p.value / maxTotal >= 0.025 * digits(p.value) + 0.02 ? fmtInt(p.value) : '',
              }
            : { show: false },
    }));
    return {
      animationDuration: 600,
      animationDurationUpdate: 600,
      textStyle: { fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif' },
      legend: {
        top: 0,
        right: 0,
        itemWidth: 16 * s,
        itemHeight: 12 * s,
        itemGap: 16 * s,
        textStyle: { color: MUTED, fontSize: 14 * s },
        data: series.map((x) => x.name),
      },
      grid: {
        left: 4 * s,
        right: Math.max(104, labelWidth) * s,
        top: 30 * s,
        bottom: 4 * s,
        outerBoundsMode: 'same' as const,
        outerBoundsContain: 'axisLabel' as const,
      },
      xAxis: { type: 'value' as const, show: false, max: (v: { max: number }) => v.max },
      yAxis: {
        type: 'category' as const,
        data: ordered.map((r) => r.name),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { color: TEXT, fontSize: 16 * s, margin: 12 * s },
      },
      series,
    };
  }, [rows, s]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: false, lazyUpdate: true });
  }, [option]);

  return <div ref={el} className="s-chart" role="img" aria-label={label} data-testid={testId} />;
});
