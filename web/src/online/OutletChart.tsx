/**
 * One pollutant of one outlet, hour by hour: the valid values as a line, invalid hours greyed
 * (data flag other than N, their values as grey dots), integrity-flag spans shaded violet and
 * named, and the permit limit as a dashed line. The figure carries its scales as data attributes
 * so a test can find the limit line and the shaded spans on the canvas.
 */
import { useMemo } from 'react';
import { baseTooltip, CHART_THEME, type ChartOption, EChart } from '../charts/EChart';
import { useI18n } from '../i18n/use-i18n';
import { ANOMALY_COLOUR } from '../map/palette';
import { figure } from './flag-summary';
import { axisTop, type DayWindow, type SeriesModel, wallText, windowBounds } from './outlet-chart-model';

const GRID = { left: 50, right: 16, top: 26, bottom: 26 };
const HEIGHT = 230;
const INVALID_FILL = 'rgba(148, 163, 184, 0.26)';
const FLAG_FILL = 'rgba(192, 132, 252, 0.30)';
const LIMIT_COLOUR = '#fbbf24';

export function OutletChart({
  model,
  window,
  limit,
  unit,
  label,
  highlightFlag,
}: {
  model: SeriesModel;
  window: DayWindow;
  limit: number | null;
  unit: string;
  label: string;
  highlightFlag: number | null;
}) {
  const { t } = useI18n();
  const { from: xMin, to: xMax } = windowBounds(window);
  const top = axisTop(model.max, limit);

  const option = useMemo((): ChartOption => {
    const flagAreas = model.flagSpans
      .filter((f) => f.to > xMin && f.from < xMax)
      .map((f) => [
        {
          xAxis: Math.max(f.from, xMin),
          itemStyle: {
            color: FLAG_FILL,
            borderColor: f.id === highlightFlag ? ANOMALY_COLOUR : 'transparent',
            borderWidth: f.id === highlightFlag ? 1.5 : 0,
          },
          label: {
            show: true,
            position: 'insideTop',
            formatter: t(`flags.kind.${f.kind}` as 'flags.kind.gap'),
            color: ANOMALY_COLOUR,
            fontSize: 11,
            fontWeight: 700,
            overflow: 'truncate',
            width: 140,
          },
        },
        { xAxis: Math.min(f.to, xMax) },
      ]);
    const invalidAreas = model.invalidSpans.map((s) => [
      { xAxis: s.from, itemStyle: { color: INVALID_FILL } },
      { xAxis: s.to },
    ]);
    return {
      useUTC: true, // times are already the bureau's wall clock (outlet-chart-model)
      grid: GRID,
      tooltip: {
        ...baseTooltip,
        trigger: 'axis',
        formatter: (items: { seriesIndex: number; value: [number, number | null, string?] }[]) => {
          const first = items[0];
          if (!first) return '';
          const lines = [wallText(first.value[0])];
          for (const it of items) {
            const [, v, flag] = it.value;
            if (v === null || v === undefined) continue;
            lines.push(
              it.seriesIndex === 0
                ? `${figure(v)} ${unit}`
                : `${figure(v)} ${unit} · ${t('outlets.invalid', { flags: flag ?? '' })}`,
            );
          }
          return lines.join('<br/>');
        },
      },
      xAxis: {
        type: 'time',
        min: xMin,
        max: xMax,
        axisLine: { lineStyle: { color: CHART_THEME.axis } },
        axisTick: { show: false },
        axisLabel: { color: CHART_THEME.text, fontSize: 11, hideOverlap: true, formatter: '{MM}-{dd}' },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: top,
        splitNumber: 4,
        name: unit,
        nameTextStyle: { color: CHART_THEME.text, fontSize: 11, align: 'right' },
        axisLabel: { color: CHART_THEME.text, fontSize: 11 },
        splitLine: { lineStyle: { color: CHART_THEME.split } },
      },
      series: [
        {
          type: 'line',
          name: t('outlets.valid'),
          data: model.line,
          showSymbol: false,
          connectNulls: false,
          clip: true,
          lineStyle: { color: CHART_THEME.accent, width: 1.3 },
          itemStyle: { color: CHART_THEME.accent },
          emphasis: { disabled: true },
          markArea: { silent: true, data: [...invalidAreas, ...flagAreas] },
          markLine:
            limit === null
              ? undefined
              : {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { type: 'dashed', color: LIMIT_COLOUR, width: 1.5 },
                  label: {
                    formatter: t('outlets.limitLine', { limit: `${figure(limit)} ${unit}` }),
                    position: 'insideEndTop',
                    color: '#fcd34d',
                    fontSize: 11,
                  },
                  data: [{ yAxis: limit }],
                },
        },
        {
          type: 'scatter',
          name: t('outlets.invalidDots'),
          data: model.invalid,
          symbolSize: 3,
          clip: true,
          itemStyle: { color: '#94a3b8' },
          emphasis: { disabled: true },
        },
      ],
    };
  }, [model, xMin, xMax, top, limit, unit, t, highlightFlag]);

  const spans = model.flagSpans
    .filter((f) => f.to > xMin && f.from < xMax)
    .map((f) => `${f.kind}:${f.from}:${f.to}`)
    .join(' ');
  return (
    <div
      className="outlet-chart"
      data-testid="outlet-chart"
      data-limit={limit ?? ''}
      data-axis-top={top}
      data-x-min={xMin}
      data-x-max={xMax}
      data-grid={`${GRID.left},${GRID.top},${GRID.right},${GRID.bottom}`}
      data-flag-spans={spans}
      data-invalid-hours={model.invalidHours}
    >
      <EChart option={option} height={HEIGHT} label={label} />
    </div>
  );
}
