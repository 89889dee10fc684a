/** One upstream → downstream pair: P, who pays whom, how much, status and data coverage. */
import type { CompensationAgreement } from '../../api/get-compensation';
import { useI18n } from '../../i18n/use-i18n';
import { formatP, formatWan, parties } from './compensation-format';
import './basin-panel.css';

export function StatusTag({ status }: { status: CompensationAgreement['status'] }) {
  const { t } = useI18n();
  return <span className={`status-tag status-tag--${status}`}>{t(`basin.status.${status}`)}</span>;
}

export function AgreementCard({
  a,
  onSelect,
  selected,
}: {
  a: CompensationAgreement;
  onSelect?: () => void;
  selected?: boolean;
}) {
  const { t, lang, fmt } = useI18n();
  const who = parties(a, a.direction);
  const overOne = a.P !== null && a.P > 1;
  const body = (
    <>
      <div className="agreement-pair">
        <span className="county">{a.upstream.name}</span>
        <span className="flow-arrow" aria-hidden="true">
          →
        </span>
        <span className="sr-only">{lang === 'en' ? 'to' : '至'}</span>
        <span className="county">{a.downstream.name}</span>
        <StatusTag status={a.status} />
      </div>
      <div className="agreement-figures">
        <span className={`p-value${overOne ? ' p-value--over' : ''}`} data-testid="agreement-p">
          <abbr title="P = K0 · Σ wᵢ · Cᵢ / C0ᵢ">P</abbr> {formatP(a.P)}
        </span>
        <span className="agreement-payer" data-testid="agreement-payer">
          {who ? t('basin.pays', { payer: who.payer, payee: who.payee }) : t('basin.noPayment')}
        </span>
        <span className="agreement-amount">{who ? formatWan(a.amount, lang) : '—'}</span>
      </div>
      <div className="agreement-meta">
        <span>{a.sectionName}</span>
        <span>{t('basin.coverage', { pct: fmt.pct(a.coverage) })}</span>
      </div>
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
