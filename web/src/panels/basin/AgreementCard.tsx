/**
 * One upstream → downstream pair: P, who pays whom, how much, status, term, coverage per
 * indicator and the conditions. A year outside the term shows that and nothing else.
 */
import type { CompensationAgreement } from '../../api/get-compensation';
import { useI18n } from '../../i18n/use-i18n';
import { AgreementConditions } from './AgreementConditions';
import { formatP, formatWan, parties } from './compensation-format';
import './basin-panel.css';

export function StatusTag({ status }: { status: CompensationAgreement['status'] }) {
  const { t } = useI18n();
  return <span className={`status-tag status-tag--${status}`}>{t(`basin.status.${status}`)}</span>;
}

const INDICATOR_NAMES = new Set(['do', 'codmn', 'nh3n', 'tp']);

export function AgreementCard({
  a,
  year,
  onSelect,
  selected,
}: {
  a: CompensationAgreement;
  /** The assessed year, to say whether a year out of force is a baseline year. */
  year?: number;
  onSelect?: () => void;
  selected?: boolean;
}) {
  const { t, lang, fmt, place } = useI18n();
  const who = parties(a, a.direction);
  const overOne = a.P !== null && a.P > 1;
  const baseline = `${a.baselineYears[0]}–${a.baselineYears[a.baselineYears.length - 1]}`;
  const term =
    a.endYear === null
      ? t('basin.termOpen', { from: a.startYear, baseline })
      : t('basin.term', { from: a.startYear, to: a.endYear, baseline });
  const indicatorName = (k: string) =>
    INDICATOR_NAMES.has(k) ? t(`indicator.${k as 'do' | 'codmn' | 'nh3n' | 'tp'}`) : k.toUpperCase();
  const body = (
    <>
      <span className="agreement-pair">
        <span className="county">{place(a.upstream.name)}</span>
        <span className="flow-arrow" aria-hidden="true">
          →
        </span>
        <span className="sr-only">{lang === 'en' ? 'to' : '至'}</span>
        <span className="county">{place(a.downstream.name)}</span>
        <StatusTag status={a.status} />
      </span>
      {a.status === 'not_in_force' ? (
        <span className="agreement-not-in-force" data-testid="agreement-not-in-force">
          {year !== undefined && a.baselineYears.includes(year)
            ? t('basin.notInForceBaseline', { year })
            : t('basin.notInForce')}
        </span>
      ) : (
        <span className="agreement-figures">
          <span className={`p-value${overOne ? ' p-value--over' : ''}`} data-testid="agreement-p">
            <abbr title="P = K0 · Σ wᵢ · Cᵢ / C0ᵢ">P</abbr> {formatP(a.P)}
          </span>
          <span className="agreement-payer" data-testid="agreement-payer">
            {who ? t('basin.pays', { payer: place(who.payer), payee: place(who.payee) }) : t('basin.noPayment')}
          </span>
          <span className="agreement-amount" data-testid="agreement-amount">
            {who ? formatWan(a.amount, lang) : '—'}
            {who && a.amount !== a.grossAmount && (
              <span className="agreement-gross">
                {' '}
                {t('basin.grossAmount', { amount: formatWan(a.grossAmount, lang) })}
              </span>
            )}
          </span>
        </span>
      )}
      <span className="agreement-meta">
        <span>{place(a.sectionName)}</span>
        <span>{term}</span>
      </span>
      {a.status !== 'not_in_force' && (
        <span
          className="agreement-coverage"
          title={t('basin.coverageNote', { hours: a.samplingIntervalHours })}
          data-testid="agreement-coverage"
        >
          {t('basin.coverage', { pct: fmt.pct(a.coverage) })}
          {' · '}
          {a.indicators
            .map((k) =>
              t('basin.coverageBy', { indicator: indicatorName(k), pct: fmt.pct(a.coverageByIndicator[k] ?? 0) }),
            )
            .join(' · ')}
        </span>
      )}
      <AgreementConditions a={a} />
    </>
  );
  if (!onSelect) return <div className={`agreement-card agreement-card--${a.status}`}>{body}</div>;
  return (
    <button
      type="button"
      className={`agreement-card agreement-card--${a.status}${selected ? ' is-selected' : ''}`}
      aria-pressed={selected}
      onClick={onSelect}
      data-testid={`agreement-${a.id}`}
    >
      {body}
    </button>
  );
}
