/**
 * The leaders' start page: the city's KPIs at a glance. Cards that correspond to a map filter
 * are buttons — click "红码" and the map shows only red enterprises (press again to undo).
 */
import { useHealth } from '../../api/get-health';
import { useOverview } from '../../api/get-overview';
import { AsOfNote } from '../../components/AsOfNote';
import { CodeSymbol } from '../../components/CodeSymbol';
import { StateMessage } from '../../components/StateMessage';
import { useI18n } from '../../i18n/use-i18n';
import type { Colour } from '../../map/decode-enterprise-layer';
import { usePeriodWindow } from '../../state/use-period-window';
import { setViewState, updateFilters, useViewState } from '../../state/view-store';
import { KpiCard } from './KpiCard';
import { ParkRanking } from './ParkRanking';

export function OverviewPanel() {
  const { t, fmt } = useI18n();
  const dataVersion = useHealth().data?.dataVersion;
  const codesAsOf = usePeriodWindow()?.codesAsOf ?? null;
  const overview = useOverview(dataVersion, codesAsOf);
  const { filters, layers } = useViewState();

  if (overview.isPending) return <StateMessage kind="loading" />;
  if (overview.isError)
    return <StateMessage kind="error" error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  const total = o.enterprises.total;
  const onlyColour = (c: Colour) => filters.colours.length === 1 && filters.colours[0] === c;
  const showColour = (c: Colour) =>
    setViewState((s) => ({
      ...s,
      filters: { ...s.filters, colours: onlyColour(c) ? [] : [c] },
      layers: { ...s.layers, enterprises: { ...s.layers.enterprises, on: true } },
    }));
  const delta = o.cases.thisYear - o.cases.lastYearToDate;
  const sectionsOn = layers.sections.on;

  return (
    <div className="panel-body overview" data-testid="overview">
      <h2 className="panel-title">{t('overview.title')}</h2>
      <AsOfNote date={o.asOf} latest={codesAsOf === null} testId="overview-as-of" />
      <p className="muted small">{t('overview.clickHint')}</p>
      <div className="kpi-grid">
        <KpiCard
          label={t('overview.enterprises')}
          value={fmt.int(total)}
          accent="cyan"
          testId="kpi-total"
          onClick={() => updateFilters({ colours: [] })}
          pressed={filters.colours.length === 0}
          actionLabel={t('overview.showOnMap', { what: t('overview.enterprises') })}
        />
        {(['red', 'yellow', 'green'] as const).map((c) => (
          <KpiCard
            key={c}
            label={t(`colour.${c}`)}
            icon={<CodeSymbol colour={c} size={16} />}
            value={fmt.int(o.enterprises[c])}
            sub={`${t(`colour.${c}.meaning`)} · ${t('overview.share', { pct: fmt.pct(total ? o.enterprises[c] / total : 0) })}`}
            accent={c}
            testId={`kpi-${c}`}
            onClick={() => showColour(c)}
            pressed={onlyColour(c)}
            actionLabel={t('overview.showOnMap', { what: t(`colour.${c}`) })}
          />
        ))}
        <KpiCard
          label={codesAsOf === null ? t('overview.cases') : t('overview.casesInYear', { year: o.asOf.slice(0, 4) })}
          value={fmt.int(o.cases.thisYear)}
          accent={delta > 0 ? 'red' : 'green'}
          testId="kpi-cases"
          sub={
            <>
              <span className={delta > 0 ? 'trend-up' : delta < 0 ? 'trend-down' : undefined}>
                {delta === 0
                  ? t('kpi.flat')
                  : t('kpi.vsLastYear', { delta: `${delta > 0 ? '▲ +' : '▼ '}${fmt.int(delta)}` })}
              </span>
              <br />
              {t('overview.casesCompare', { n: fmt.int(o.cases.lastYearToDate), m: fmt.int(o.cases.lastYear) })}
            </>
          }
        />
        <KpiCard
          label={t('overview.rectification')}
          value={o.rectification.rate === null ? '—' : fmt.pct(o.rectification.rate)}
          accent="blue"
          testId="kpi-rectification"
          sub={t('overview.rectificationDetail', {
            done: fmt.int(o.rectification.rectified),
            total: fmt.int(o.rectification.total),
          })}
        />
        <KpiCard
          label={t('overview.insured')}
          value={fmt.int(o.insurance.insured)}
          accent="blue"
          testId="kpi-insured"
          sub={t('overview.subsidy', { amount: fmt.money(o.insurance.subsidyPaid) })}
          onClick={() => updateFilters({ insured: filters.insured === true ? null : true })}
          pressed={filters.insured === true}
          actionLabel={t('overview.showOnMap', { what: t('overview.insured') })}
        />
        <KpiCard
          label={t('overview.sections')}
          value={`${fmt.int(o.sections.meetingTarget)} / ${fmt.int(o.sections.total)}`}
          accent="cyan"
          testId="kpi-sections"
          sub={t('overview.sectionsDetail', {
            ok: fmt.int(o.sections.meetingTarget),
            total: fmt.int(o.sections.total),
          })}
          onClick={() =>
            setViewState((s) => ({
              ...s,
              layers: { ...s.layers, sections: { ...s.layers.sections, on: !sectionsOn } },
            }))
          }
          pressed={sectionsOn}
          actionLabel={t('overview.showOnMap', { what: t('layers.sections') })}
        />
      </div>
      <ParkRanking />
    </div>
  );
}
