/** Violation cases per month for a park, the last 36 months, missing months drawn as zero. */
import { useMemo } from 'react';
import type { ParkStats } from '../../api/get-park-stats';
import { baseTooltip, CHART_THEME, type ChartOption, EChart } from '../../charts/EChart';
import { useI18n } from '../../i18n/use-i18n';
import { monthsEndingAt } from '../section/ClassStrip';

export const TREND_MONTHS = 36;

export function CasesTrend({ cases, asOf }: { cases: ParkStats['casesByMonth']; asOf: string }) {
  const { t } = useI18n();
  const months = useMemo(() => monthsEndingAt(asOf.slice(0, 7), TREND_MONTHS), [asOf]);
  const counts = useMemo(() => {
    const byMonth = new Map(cases.map((c) => [c.month, c.count]));
    return months.map((m) => byMonth.get(m) ?? 0);
  }, [cases, months]);
  const total = counts.reduce((s, n) => s + n, 0);
  const option = useMemo(
    (): ChartOption => ({
      grid: { left: 30, right: 10, top: 12, bottom: 22 },
      tooltip: { ...baseTooltip, trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: months,
        boundaryGap: false,
        axisLine: { lineStyle: { color: CHART_THEME.axis } },
        axisTick: { show: false },
        axisLabel: { color: CHART_THEME.text, fontSize: 10, interval: 11 },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        splitNumber: 3,
        axisLabel: { color: CHART_THEME.text, fontSize: 10 },
        splitLine: { lineStyle: { color: CHART_THEME.split } },
      },
      series: [
        {
          type: 'line',
          name: t('parkPanel.casesSeries'),
          data: counts,
          smooth: 0.25,
          symbol: 'circle',
          symbolSize: 4,
          lineStyle: { color: '#f87171', width: 2 },
          itemStyle: { color: '#f87171' },
          areaStyle: {
            color: {
              type: 'linear',
              x: 0,
              y: 0,
              x2: 0,
              y2: 1,
              colorStops: [
                { offset: 0, color: 'rgba(248, 113, 113, 0.35)' },
                { offset: 1, color: 'rgba(248, 113, 113, 0.02)' },
              ],
            },
          },
        },
      ],
    }),
    [months, counts, t],
  );
  if (total === 0) return <p className="chart-empty">{t('parkPanel.noCases')}</p>;
  return (
    <EChart option={option} height={150} label={t('parkPanel.casesLabel', { n: total })} testId="park-cases-chart" />
  );
}
