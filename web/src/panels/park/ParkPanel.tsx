/**
 * An industrial park's profile: enterprises by colour, main industries, violation cases by
 * month, rectification rate, insurance coverage and premium subsidies — and one button that
 * narrows the map (and the table) to this park.
 */
import { useHealth } from '../../api/get-health';
import { useParkStats } from '../../api/get-park-stats';
import { useRegions } from '../../api/get-regions';
import { CodeSymbol } from '../../components/CodeSymbol';
import { StateMessage } from '../../components/StateMessage';
import { useI18n } from '../../i18n/use-i18n';
import { CODE_COLOURS } from '../../map/palette';
import { requestFilterZoom } from '../../map/zoom-to-filter';
import { usePeriodAsOf } from '../../state/use-period-window';
import { updateFilters, useViewState } from '../../state/view-store';
import { PanelSection } from '../PanelSection';
import type { DetailPanelProps } from '../registry';
import { CasesTrend } from './CasesTrend';
import { ParkWorstList } from './ParkWorstList';
import './park-panel.css';
import { today } from '../../../../server/domain/dates';

const TOP_INDUSTRIES = 6;

export function ParkPanel({ id }: DetailPanelProps) {
  const { t, te, fmt, place, industry } = useI18n();
  const health = useHealth();
  const dataVersion = health.data?.dataVersion;
  // A past period: the park as of its end, as the KPI cards and the map read it.
  const periodAsOf = usePeriodAsOf();
  const stats = useParkStats(id, dataVersion, periodAsOf);
  const counties = useRegions('county');
  const { filters } = useViewState();

  if (stats.isPending) return <StateMessage kind="loading" />;
  if (stats.isError) return <StateMessage kind="error" error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const countyName = counties.data?.features.find((f) => f.properties.code === s.countyCode)?.properties.name;
  const county = countyName ? place(countyName) : s.countyCode;
  const only = filters.park === s.id;
  const total = s.enterpriseCount;
  const topIndustries = s.industries.slice(0, TOP_INDUSTRIES);
  const maxIndustry = Math.max(1, ...topIndustries.map((i) => i.count));

  const toggleOnly = () => {
    updateFilters({ park: only ? null : s.id });
    if (!only) requestFilterZoom();
  };

  return (
    <div className="panel-body park-panel" data-testid="park-panel">
      <p className="eyebrow">{t('parkPanel.eyebrow')}</p>
      <h2 className="panel-title">{place(s.name)}</h2>
      <p className="muted small">
        {te('parkKind', s.kind)} · {county} · {t('parkPanel.enterprises', { n: fmt.int(total) })}
      </p>
      <button
        type="button"
        className={`btn only-park${only ? ' is-on' : ''}`}
        aria-pressed={only}
        onClick={toggleOnly}
        data-testid="only-this-park"
      >
        {only ? t('parkPanel.onlyThisActive') : t('parkPanel.onlyThis')}
      </button>

      <PanelSection title={t('parkPanel.byColour')} testId="park-colours">
        {total === 0 ? (
          <StateMessage kind="empty" />
        ) : (
          <>
            <div className="stacked-bar" aria-hidden="true">
              {(['red', 'yellow', 'green'] as const).map((c) =>
                s.byColour[c] > 0 ? (
                  <span key={c} style={{ width: `${(s.byColour[c] / total) * 100}%`, background: CODE_COLOURS[c] }} />
                ) : null,
              )}
            </div>
            <ul className="colour-legend">
              {(['red', 'yellow', 'green'] as const).map((c) => (
                <li key={c}>
                  <span className="colour-legend-head">
                    <CodeSymbol colour={c} size={14} /> {t(`colour.${c}`)}
                  </span>
                  <span>
                    <strong data-testid={`park-${c}`}>{fmt.int(s.byColour[c])}</strong>{' '}
                    <span className="muted small">{fmt.pct(s.byColour[c] / total)}</span>
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </PanelSection>

      <PanelSection title={t('parkPanel.worst')} testId="park-worst-section">
        <ParkWorstList parkId={s.id} />
      </PanelSection>

      <div className="park-kpis">
        <div className="park-kpi">
          <span className="park-kpi-label">{t('parkPanel.rectification')}</span>
          <span className="park-kpi-value">{s.rectification.rate === null ? '—' : fmt.pct(s.rectification.rate)}</span>
          <span className="park-kpi-sub">
            {t('parkPanel.rectificationDetail', {
              total: fmt.int(s.rectification.total),
              done: fmt.int(s.rectification.rectified),
            })}
          </span>
        </div>
        <div className="park-kpi">
          <span className="park-kpi-label">{t('parkPanel.insurance')}</span>
          <span className="park-kpi-value">{s.insurance.coverage === null ? '—' : fmt.pct(s.insurance.coverage)}</span>
          <span className="park-kpi-sub">{t('parkPanel.insuranceDetail', { n: fmt.int(s.insurance.insured) })}</span>
        </div>
        <div className="park-kpi">
          <span className="park-kpi-label">{t('parkPanel.subsidy')}</span>
          <span className="park-kpi-value">{fmt.money(s.insurance.subsidyPaid)}</span>
          <span className="park-kpi-sub">{t('parkPanel.subsidyDetail')}</span>
        </div>
      </div>

      <PanelSection title={t('parkPanel.cases')} testId="park-cases">
        <CasesTrend cases={s.casesByMonth} asOf={periodAsOf ?? health.data?.asOf ?? today()} />
      </PanelSection>

      <PanelSection title={t('parkPanel.industries')} count={s.industries.length} testId="park-industries">
        {topIndustries.length === 0 ? (
          <StateMessage kind="empty" />
        ) : (
          <ul className="industry-bars">
            {topIndustries.map((i) => (
              <li key={i.code}>
                <span className="industry-name" title={industry(i.code, i.name)}>
                  {industry(i.code, i.name)}
                </span>
                <span className="industry-track" aria-hidden="true">
                  <span style={{ width: `${(i.count / maxIndustry) * 100}%` }} />
                </span>
                <span className="industry-count">{fmt.int(i.count)}</span>
              </li>
            ))}
          </ul>
        )}
        {s.industries.length > TOP_INDUSTRIES && (
          <p className="muted small">{t('parkPanel.moreIndustries', { n: s.industries.length - TOP_INDUSTRIES })}</p>
        )}
      </PanelSection>
    </div>
  );
}
