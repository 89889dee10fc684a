/** Each county's net settlement for the year as a diverging bar: right receives, left pays. */
import type { CompensationSettlement } from '../../api/get-compensation';
import { useI18n } from '../../i18n/use-i18n';
import { formatWan } from './compensation-format';

export function SettlementBars({ settlements }: { settlements: CompensationSettlement[] }) {
  const { t, lang } = useI18n();
  const rows = [...settlements].sort((a, b) => b.net - a.net);
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.net)));
  return (
    <ul className="settlement-bars" data-testid="settlement-bars">
      {rows.map((r) => {
        const width = `${(Math.abs(r.net) / max) * 50}%`;
        const sign = r.net > 0 ? '+' : r.net < 0 ? '−' : '';
        const text = `${sign}${formatWan(Math.abs(r.net), lang)}`;
        return (
          <li key={r.countyCode} aria-label={`${r.name} ${text}`}>
            <span className="settlement-name">{r.name}</span>
            <span className="settlement-track" aria-hidden="true">
              <span
                className={`settlement-bar ${r.net >= 0 ? 'settlement-bar--in' : 'settlement-bar--out'}`}
                style={r.net >= 0 ? { left: '50%', width } : { right: '50%', width }}
              />
            </span>
            <span className={`settlement-value ${r.net > 0 ? 'ok' : r.net < 0 ? 'neg' : 'muted'}`}>{text}</span>
          </li>
        );
      })}
      <li className="settlement-note muted small">{t('basin.settlementsNote')}</li>
    </ul>
  );
}
