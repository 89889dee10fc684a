/**
 * A monitoring section: latest and target class, a chart per indicator over the GB 3838 class
 * bands (month or day means), the class of each of the last 24 months, and the basin
 * compensation agreements assessed at this section.
 */

import { useState } from 'react';
import { useCompensation } from '../../api/get-compensation';
import { useHealth } from '../../api/get-health';
import { useRegions } from '../../api/get-regions';
import { type ReadingsInterval, useSectionReadings } from '../../api/get-section-readings';
import { useSections } from '../../api/get-sections';
import { setPhoneTab } from '../../app/phone-tab';
import { StateMessage } from '../../components/StateMessage';
import { useI18n } from '../../i18n/use-i18n';
import { mapController } from '../../map/map-controller';
import { normaliseClass, WATER_CLASS_COLOURS, type WaterClass } from '../../map/palette';
import { usePeriodAsOf, usePeriodWindow } from '../../state/use-period-window';
import { setViewState } from '../../state/view-store';
import { AgreementCard } from '../basin/AgreementCard';
import { PanelSection } from '../PanelSection';
import type { DetailPanelProps } from '../registry';
import { ClassStrip } from './ClassStrip';
import { IndicatorChart } from './IndicatorChart';
import { CHART_INDICATORS, RULES_VERSION } from './water-bands';
import './section-panel.css';

function ClassChip({ cls }: { cls: WaterClass | null }) {
  const { waterClass } = useI18n();
  if (!cls) return <span className="class-badge class-badge--none">—</span>;
  return (
    <span className="class-badge" style={{ background: WATER_CLASS_COLOURS[cls] }}>
      {waterClass(cls, true)}
    </span>
  );
}

export function SectionPanel({ id }: DetailPanelProps) {
  const { t, place } = useI18n();
  const dataVersion = useHealth().data?.dataVersion;
  // The chosen period: the latest class up to its end, the series ending there, its compensation year.
  const asOf = usePeriodAsOf();
  const year = usePeriodWindow()?.year;
  const sections = useSections(dataVersion, asOf);
  const counties = useRegions('county');
  const [interval, setIntervalKind] = useState<ReadingsInterval>('month');
  const upTo = asOf ? { to: asOf } : {};
  const months = useSectionReadings(id, { interval: 'month', ...upTo }, dataVersion);
  const days = useSectionReadings(interval === 'day' ? id : null, { interval: 'day', ...upTo }, dataVersion);
  const compensation = useCompensation(year, dataVersion);

  if (sections.isPending) return <StateMessage kind="loading" />;
  if (sections.isError)
    return <StateMessage kind="error" error={sections.error} onRetry={() => void sections.refetch()} />;
  const feature = sections.data.features.find((f) => f.properties.id === id);
  if (!feature) return <StateMessage kind="empty" label={t('state.notFound')} />;
  const s = feature.properties;
  const [lon, lat] = (feature.geometry as { coordinates: [number, number] }).coordinates;
  const latest = normaliseClass(s.latest?.class);
  const target = normaliseClass(s.targetClass);
  const countyName = (code: string | null) => {
    const name = counties.data?.features.find((f) => f.properties.code === code)?.properties.name;
    return name ? place(name) : (code ?? '—');
  };
  const agreements = compensation.data?.agreements.filter((a) => a.sectionId === s.id) ?? [];
  const series = interval === 'month' ? months : days;
  const body = s.waterBody === 'lake' ? 'lake' : 'river';

  return (
    <div className="panel-body section-panel" data-testid="section-panel">
      <p className="eyebrow">{t('section.eyebrow')}</p>
      <h2 className="panel-title">{place(s.name)}</h2>
      <p className="muted small">
        {s.riverName ? place(s.riverName) : '—'} · {s.code} · {t(`section.waterBody.${body}`)}
        {s.handover && (
          <>
            {' · '}
            <span className="tag">{t('section.handover')}</span>{' '}
            {t('section.handoverPair', { up: countyName(s.upstreamCounty), down: countyName(s.downstreamCounty) })}
          </>
        )}
      </p>

      <div className="class-summary">
        <div className="class-summary-item">
          <span className="class-summary-label">{t('section.latestClass')}</span>
          <ClassChip cls={latest} />
          {s.latest && <span className="muted small">{s.latest.time.slice(0, 16).replace('T', ' ')}</span>}
        </div>
        <div className="class-summary-item">
          <span className="class-summary-label">{t('section.targetClass')}</span>
          <ClassChip cls={target} />
          {s.meetsTarget !== null && (
            <span className={s.meetsTarget ? 'ok small' : 'warn small'}>
              {s.meetsTarget ? `✓ ${t('section.meets')}` : `✗ ${t('section.fails')}`}
            </span>
          )}
        </div>
      </div>
      <button
        type="button"
        className="btn btn--small btn--ghost"
        onClick={() => {
          setPhoneTab('map');
          mapController.flyTo(lon, lat, 12);
        }}
      >
        {t('section.flyTo')}
      </button>

      <PanelSection title={t('section.strip')} testId="class-strip-section">
        {months.isPending ? (
          <StateMessage kind="loading" />
        ) : months.isError ? (
          <StateMessage kind="error" error={months.error} onRetry={() => void months.refetch()} />
        ) : (
          <ClassStrip points={months.data.points} lastMonth={months.data.to.slice(0, 7)} />
        )}
      </PanelSection>

      <PanelSection title={t('section.trends')} testId="trends-section">
        <fieldset className="segmented-buttons interval-switch">
          <legend className="sr-only">{t('section.interval')}</legend>
          {(['month', 'day'] as const).map((iv) => (
            <button
              key={iv}
              type="button"
              className="seg-btn"
              aria-pressed={interval === iv}
              onClick={() => setIntervalKind(iv)}
              data-testid={`interval-${iv}`}
            >
              {t(`section.${iv}`)}
            </button>
          ))}
        </fieldset>
        {series.isPending ? (
          <StateMessage kind="loading" />
        ) : series.isError ? (
          <StateMessage kind="error" error={series.error} onRetry={() => void series.refetch()} />
        ) : series.data.points.length === 0 ? (
          <StateMessage kind="empty" label={t('chart.noData')} />
        ) : (
          <div className="indicator-charts" aria-busy={series.isFetching}>
            {CHART_INDICATORS.map((ind) => (
              <IndicatorChart
                key={ind}
                indicator={ind}
                points={series.data.points}
                interval={interval}
                body={body}
                target={target}
              />
            ))}
            <p className="muted small">
              {t('section.bandsNote', { body: t(`section.waterBody.${body}`) })}{' '}
              <span className="mono">{RULES_VERSION}</span>
            </p>
          </div>
        )}
      </PanelSection>

      <PanelSection title={t('section.agreements')} count={agreements.length} testId="section-agreements">
        {compensation.isPending ? (
          <StateMessage kind="loading" />
        ) : compensation.isError ? (
          <StateMessage kind="error" error={compensation.error} onRetry={() => void compensation.refetch()} />
        ) : agreements.length === 0 ? (
          <StateMessage kind="empty" label={t('section.noAgreements')} />
        ) : (
          <div className="agreement-list">
            {agreements.map((a) => (
              <AgreementCard key={a.id} a={a} />
            ))}
          </div>
        )}
        <button
          type="button"
          className="btn btn--small"
          onClick={() => setViewState((v) => ({ ...v, selected: { type: 'basin', id: null } }))}
        >
          {t('section.openBasin')} →
        </button>
      </PanelSection>
    </div>
  );
}
