/**
 * The basin compensation chain for a year: per upstream → downstream pair this year's P, who
 * pays whom and how much, status and coverage; each county's net settlement; and a what-if.
 */
import { useState } from 'react';
import { useCompensation } from '../../api/get-compensation';
import { useHealth } from '../../api/get-health';
import { StateMessage } from '../../components/StateMessage';
import { useI18n } from '../../i18n/use-i18n';
import { setViewState, useViewState } from '../../state/view-store';
import { PanelSection } from '../PanelSection';
import type { DetailPanelProps } from '../registry';
import { AgreementCard } from './AgreementCard';
import { chainOrder } from './compensation-format';
import { SettlementBars } from './SettlementBars';
import { WhatIf } from './WhatIf';
import './basin-panel.css';

const YEARS_BACK = 4;

export function BasinPanel(_: DetailPanelProps) {
  const { t, place } = useI18n();
  const health = useHealth();
  const { period } = useViewState();
  const asOfYear = health.data?.asOf ? Number(health.data.asOf.slice(0, 4)) : undefined;
  const year = period ? Number(period.slice(0, 4)) : asOfYear;
  const compensation = useCompensation(year, health.data?.dataVersion);
  const [chosen, setChosen] = useState<number | null>(null);

  if (health.isPending || compensation.isPending) return <StateMessage kind="loading" />;
  if (health.isError) return <StateMessage kind="error" error={health.error} onRetry={() => void health.refetch()} />;
  if (compensation.isError)
    return <StateMessage kind="error" error={compensation.error} onRetry={() => void compensation.refetch()} />;
  const data = compensation.data;
  const chain = chainOrder(data.agreements);
  // The what-if works on a year the agreement assesses; baseline years have nothing to vary.
  const assessable = chain.filter((a) => a.status !== 'not_in_force');
  const selected = assessable.find((a) => a.id === chosen) ?? assessable[0] ?? null;
  const years = asOfYear ? Array.from({ length: YEARS_BACK + 1 }, (_, i) => asOfYear - i) : [data.year];
  if (!years.includes(data.year)) years.push(data.year);
  const anyProjected = chain.some((a) => a.status === 'projected');
  const anySettled = chain.some((a) => a.status === 'assessed');
  const notInForce = chain.length > 0 && chain.every((a) => a.status === 'not_in_force');

  return (
    <div className="panel-body basin-panel" data-testid="basin-panel">
      <p className="eyebrow">{t('basin.eyebrow')}</p>
      <div className="basin-head">
        <h2 className="panel-title">{t('basin.title', { year: data.year })}</h2>
        <label className="field basin-year">
          <span className="field-label">{t('basin.year')}</span>
          <select
            value={data.year}
            onChange={(e) =>
              setViewState((s) => ({ ...s, period: e.target.value === String(asOfYear) ? null : e.target.value }))
            }
            data-testid="basin-year"
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">
        {t('basin.asOf', { date: data.asOf })}
        {anyProjected && (
          <>
            {' '}
            <span className="projected-badge">{t('basin.projectedBadge')}</span> {t('basin.projectedNote')}
          </>
        )}
      </p>
      <p className="formula">{t('basin.formula')}</p>

      <PanelSection title={t('basin.chain')} count={chain.length} testId="basin-chain">
        {chain.length === 0 ? (
          <StateMessage kind="empty" label={t('basin.empty')} />
        ) : (
          <div className="agreement-list">
            {chain.map((a) => (
              <AgreementCard
                key={a.id}
                a={a}
                year={data.year}
                selected={selected?.id === a.id}
                onSelect={() => setChosen(a.id)}
              />
            ))}
          </div>
        )}
      </PanelSection>

      <PanelSection title={t('basin.settlements')} testId="basin-settlements">
        {notInForce ? (
          <p className="muted small">{t('basin.notInForceYear', { year: data.year })}</p>
        ) : data.settlements.length === 0 ? (
          <StateMessage kind="empty" />
        ) : anySettled ? (
          <SettlementBars settlements={data.settlements} />
        ) : (
          <p className="muted small" data-testid="settled-none">
            {t('basin.settledNone')}
          </p>
        )}
      </PanelSection>

      {anyProjected && (
        <PanelSection title={t('basin.projectedSettlements')} testId="basin-projected-settlements">
          <SettlementBars settlements={data.settlements} projected />
        </PanelSection>
      )}

      {selected && (
        <PanelSection title={t('basin.whatIf')} testId="basin-what-if">
          <p className="muted small">{t('basin.whatIfHint')}</p>
          <label className="field">
            <span className="field-label">{t('basin.agreement')}</span>
            <select
              value={selected.id}
              onChange={(e) => setChosen(Number(e.target.value))}
              data-testid="what-if-agreement"
            >
              {assessable.map((a) => (
                <option key={a.id} value={a.id}>
                  {place(a.upstream.name)} → {place(a.downstream.name)}
                </option>
              ))}
            </select>
          </label>
          <WhatIf key={`${data.year}:${selected.id}`} agreement={selected} />
        </PanelSection>
      )}
    </div>
  );
}
