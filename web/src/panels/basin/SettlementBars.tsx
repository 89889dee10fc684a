/**
 * Each county's net for the year as a diverging bar: right receives, left pays. Settled nets and
 * projected nets (an unfinished year) are drawn by separate lists and never added together.
 */
import type { CompensationSettlement } from '../../api/get-compensation';
import { useI18n } from '../../i18n/use-i18n';
import { formatWan } from './compensation-format';

export function SettlementBars({
  settlements,
  projected = false,
}: {
  settlements: CompensationSettlement[];
  projected?: boolean;
}) {
  const { t, lang, place } = useI18n();
  const netOf = (r: CompensationSettlement) => (projected ? r.projectedNet : r.net);
  const rows = [...settlements].sort((a, b) => netOf(b) - netOf(a));
  const max = Math.max(1, ...rows.map((r) => Math.abs(netOf(r))));
  return (
    <ul
      className={`settlement-bars${projected ? ' settlement-bars--projected' : ''}`}
      data-testid={projected ? 'settlement-bars-projected' : 'settlement-bars'}
    >
      {rows.map((r) => {
        const net = netOf(r);
        const width = `${(Math.abs(net) / max) * 50}%`;
        const sign = net > 0 ? '+' : net < 0 ? '−' : '';
        const text = `${sign}${formatWan(Math.abs(net), lang)}`;
        const label = projected ? `${place(r.name)} ${t('basin.projectedBadge')} ${text}` : `${place(r.name)} ${text}`;
        return (
          <li key={r.countyCode} aria-label={label}>
            <span className="settlement-name">{place(r.name)}</span>
            <span className="settlement-track" aria-hidden="true">
              <span
                className={`settlement-bar ${net >= 0 ? 'settlement-bar--in' : 'settlement-bar--out'}`}
                style={net >= 0 ? { left: '50%', width } : { right: '50%', width }}
              />
            </span>
            <span className={`settlement-value ${net > 0 ? 'ok' : net < 0 ? 'neg' : 'muted'}`}>{text}</span>
          </li>
        );
      })}
      <li className="settlement-note muted small">
        {t(projected ? 'basin.projectedSettlementsNote' : 'basin.settlementsNote')}
      </li>
    </ul>
  );
}
