import { useI18n } from '../../i18n/use-i18n';
import { formatP, formatWan } from '../../panels/basin/compensation-format';
import type { Flow } from '../compensation-flows';

export function FlowTip({ flow }: { flow: Flow }) {
  const { t, lang, place } = useI18n();
  return (
    <>
      <div className="tip-title">
        {t('flow.tip', {
          payer: place(flow.payer),
          payee: place(flow.payee),
          amount: formatWan(flow.amount, lang),
          p: formatP(flow.P),
        })}
      </div>
      <div className="tip-sub">{flow.projected ? t('legend.flowProjected') : t('legend.flowAssessed')}</div>
    </>
  );
}
