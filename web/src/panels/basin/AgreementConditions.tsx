/**
 * The agreement's water-quantity and water-use conditions for the year: each with its figures,
 * whether it was met, and what it did to the amount.
 */
import type { CompensationAgreement } from '../../api/get-compensation';
import { useI18n } from '../../i18n/use-i18n';

type Condition = CompensationAgreement['conditions'][number];

const FIGURES = {
  flow: 'basin.cond.flowFigures',
  water_use_total: 'basin.cond.totalFigures',
  water_use_efficiency: 'basin.cond.efficiencyFigures',
} as const;

export function AgreementConditions({ a }: { a: CompensationAgreement }) {
  const { t, locale } = useI18n();
  if (a.conditions.length === 0) return null;
  const num = (x: number | null) =>
    x === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(x);
  const effect = (c: Condition) => {
    if (c.outcome === 'fail' && c.effect === 'none') return t('basin.effect.upstreamPays');
    if (c.effect === 'reduced') return t('basin.effect.reduced', { factor: c.factor.toFixed(4) });
    return t(`basin.effect.${c.effect}`);
  };
  return (
    <span className="agreement-conditions" data-testid="agreement-conditions">
      <span className="agreement-conditions-title">{t('basin.conditions')}</span>
      {a.conditions.map((c) => (
        <span key={c.kind} className={`condition condition--${c.outcome}`} data-condition={c.kind}>
          <span className="condition-name">{t(`basin.cond.${c.kind}`)}</span>
          <span className="condition-figures">
            {c.value === null && c.limit === null
              ? t('basin.cond.noFigures')
              : t(FIGURES[c.kind], { value: num(c.value), limit: num(c.limit) })}
          </span>
          <span className={`condition-outcome condition-outcome--${c.outcome}`}>{t(`basin.outcome.${c.outcome}`)}</span>
          <span className="condition-effect">{effect(c)}</span>
        </span>
      ))}
    </span>
  );
}
