/**
 * The period control: latest, or a year, quarter or month. It drives the hotspot window, the
 * date the three-colour codes are read as of, and the compensation year (see state/period.ts).
 */
import { useId } from 'react';
import { useEnterpriseLayer } from '../api/get-enterprise-layer';
import { useHealth } from '../api/get-health';
import { useI18n } from '../i18n/use-i18n';
import { convertPeriod, type Granularity, granularityOf, periodOptions } from '../state/period';
import { usePeriodWindow } from '../state/use-period-window';
import { setViewState, useViewState } from '../state/view-store';
import { periodLabel } from './period-label';

/** Cases, codes and compensation go back three years in the data model. */
const YEARS_OF_HISTORY = 3;

export function PeriodSelect() {
  const granularityId = useId();
  const valueId = useId();
  const summaryId = useId();
  const { t } = useI18n();
  const { period } = useViewState();
  const health = useHealth().data;
  const asOf = health?.asOf;
  const g: Granularity | 'latest' = period ? granularityOf(period) : 'latest';
  const setPeriod = (p: string | null) => setViewState((s) => ({ ...s, period: p }));

  const label = (p: string) => periodLabel(t, p);
  const options = asOf && g !== 'latest' ? periodOptions(g, asOf, Number(asOf.slice(0, 4)) - YEARS_OF_HISTORY + 1) : [];
  // A linked period older than the offered range still shows as chosen.
  if (period && g !== 'latest' && !options.includes(period)) options.push(period);
  const w = usePeriodWindow();
  // The server may read an early day as of the first code history: say which day it used.
  const layer = useEnterpriseLayer(health?.dataVersion, w?.codesAsOf ?? null);
  const codesDate = (layer.isPlaceholderData ? null : layer.data?.codesAsOf) ?? w?.codesAsOf ?? null;

  return (
    <fieldset className="period" aria-describedby={w ? summaryId : undefined}>
      <legend className="field-label">{t('period.label')}</legend>
      <div className="field-grid">
        <div className="field">
          <label className="sr-only" htmlFor={granularityId}>
            {t('period.granularity')}
          </label>
          <select
            id={granularityId}
            value={g}
            disabled={!asOf}
            data-testid="period-granularity"
            onChange={(e) => {
              const next = e.target.value as Granularity | 'latest';
              if (!asOf) return;
              if (next === 'latest') setPeriod(null);
              else setPeriod(period ? convertPeriod(period, next, asOf) : convertPeriod(asOf.slice(0, 4), next, asOf));
            }}
          >
            <option value="latest">{t('period.latest')}</option>
            <option value="year">{t('period.year')}</option>
            <option value="quarter">{t('period.quarter')}</option>
            <option value="month">{t('period.month')}</option>
          </select>
        </div>
        <div className="field">
          <label className="sr-only" htmlFor={valueId}>
            {t('period.value')}
          </label>
          <select
            id={valueId}
            value={period ?? ''}
            disabled={g === 'latest'}
            data-testid="period-value"
            onChange={(e) => setPeriod(e.target.value || null)}
          >
            {g === 'latest' && <option value="">—</option>}
            {options.map((p) => (
              <option key={p} value={p}>
                {label(p)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {w && (
        <p id={summaryId} className="period-summary" data-testid="period-summary">
          {t('period.summary', {
            from: w.from,
            to: w.to,
            codes: codesDate ? t('period.codesAsOf', { date: codesDate }) : t('period.codesNow'),
            year: w.year,
          })}
        </p>
      )}
    </fieldset>
  );
}
