/**
 * One indicator's time series over its GB 3838-2002 class bands (markArea), with the target
 * class limit as a dashed line. Month or day means from the readings endpoint.
 */
import { useMemo } from 'react';
import type { ReadingPoint, ReadingsInterval } from '../../api/get-section-readings';
import { baseTooltip, CHART_THEME, type ChartOption, EChart } from '../../charts/EChart';
import { useI18n } from '../../i18n/use-i18n';
import { WATER_CLASS_COLOURS, type WaterClass } from '../../map/palette';
import {
  axisTop,
  type ChartIndicator,
  classBands,
  classLimit,
  INDICATOR_SYMBOLS,
  limitsOf,
  type WaterBody,
} from './water-bands';

const BAND_ALPHA = '38'; // ~22 % over the dark panel: the line stays the strongest mark

export function IndicatorChart({
  indicator,
  points,
  interval,
  body,
  target,
}: {
  indicator: ChartIndicator;
  points: ReadingPoint[];
  interval: ReadingsInterval;
  body: WaterBody;
  target: WaterClass | null;
}) {
  const { t, waterClass } = useI18n();
  const data = useMemo(
    () =>
      points
        .filter((p) => p[indicator] !== null)
        .map((p) => [interval === 'month' ? `${p.time}-01` : p.time, p[indicator] as number] as [string, number]),
    [points, indicator, interval],
  );
  const latest = data.length ? data[data.length - 1][1] : null;
  const { direction } = limitsOf(indicator, body);
  const name = t(`indicator.${indicator}`);

  const option = useMemo((): ChartOption => {
    const dataMax = data.reduce((m, d) => Math.max(m, d[1]), 0);
    const top = axisTop(indicator, body, dataMax, target);
    const bands = classBands(indicator, body, top);
    const targetLimit = target ? classLimit(indicator, body, target) : null;
    const digits = indicator === 'tp' ? 3 : 2;
    return {
      grid: { left: 46, right: 30, top: 10, bottom: 22 },
      tooltip: {
        ...baseTooltip,
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(digits)} mg/L` : '—'),
      },
      xAxis: {
        type: 'time',
        axisLine: { lineStyle: { color: CHART_THEME.axis } },
        axisTick: { show: false },
        axisLabel: { color: CHART_THEME.text, fontSize: 10, hideOverlap: true },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: top,
        splitNumber: 4,
        axisLabel: { color: CHART_THEME.text, fontSize: 10 },
        splitLine: { lineStyle: { color: CHART_THEME.split } },
      },
      series: [
        {
          type: 'line',
          name: `${name} ${INDICATOR_SYMBOLS[indicator]}`,
          data,
          showSymbol: interval === 'month' && data.length <= 72,
          symbolSize: 4,
          sampling: 'lttb',
          lineStyle: { color: CHART_THEME.strong, width: interval === 'day' ? 1.2 : 1.8 },
          itemStyle: { color: CHART_THEME.strong },
          emphasis: { disabled: true },
          markArea: {
            silent: true,
            data: bands.map((b) => [
              {
                yAxis: b.from,
                itemStyle: { color: `${WATER_CLASS_COLOURS[b.cls]}${BAND_ALPHA}` },
                label: {
                  show: (b.to - b.from) / top > 0.09,
                  position: 'insideRight',
                  formatter: waterClass(b.cls),
                  color: WATER_CLASS_COLOURS[b.cls],
                  fontSize: 10,
                  fontWeight: 700,
                  distance: -24,
                },
              },
              { yAxis: b.to },
            ]),
          },
          markLine:
            targetLimit === null
              ? undefined
              : {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { type: 'dashed', color: '#fbbf24', width: 1.2 },
                  label: {
                    formatter: t('section.targetLine', { cls: waterClass(target as WaterClass) }),
                    position: 'insideStartTop',
                    color: '#fcd34d',
                    fontSize: 10,
                  },
                  data: [{ yAxis: targetLimit }],
                },
        },
      ],
    };
  }, [data, indicator, body, target, interval, name, t, waterClass]);

  const digits = indicator === 'tp' ? 3 : 2;
  const latestText = latest === null ? '—' : latest.toFixed(digits);
  return (
    <figure className="indicator-chart" data-testid={`chart-${indicator}`}>
      <figcaption>
        <span className="indicator-name">
          {name} <span className="indicator-symbol">{INDICATOR_SYMBOLS[indicator]}</span>
        </span>
        <span className="indicator-meta">
          {t(direction === 'min' ? 'indicator.dirMin' : 'indicator.dirMax')} · mg/L
        </span>
        <span className="indicator-latest">{latestText}</span>
      </figcaption>
      {data.length === 0 ? (
        <p className="chart-empty">{t('chart.noData')}</p>
      ) : (
        <EChart
          option={option}
          height={132}
          label={t('section.chartLabel', {
            indicator: name,
            interval: interval === 'month' ? t('section.month') : t('section.day'),
            value: latestText,
          })}
        />
      )}
    </figure>
  );
}
