import { useEnterprise } from '../../api/get-enterprise';
import { useHealth } from '../../api/get-health';
import { CodeSymbol } from '../../components/CodeSymbol';
import { useI18n } from '../../i18n/use-i18n';
import { useRestingId } from './use-resting-id';

export function EnterpriseTip({ id, colour }: { id: number; colour: 'green' | 'yellow' | 'red' }) {
  const { t, place } = useI18n();
  const dataVersion = useHealth().data?.dataVersion;
  const resting = useRestingId(id);
  const detail = useEnterprise(resting === id ? id : null, dataVersion);
  const ready = resting === id && detail.data;
  return (
    <>
      <div className="tip-title">
        <CodeSymbol colour={colour} size={14} />
        {ready ? <span lang="zh">{detail.data.name}</span> : <span>{t('state.loading')}</span>}
      </div>
      <div className="tip-sub">
        {t(`colour.${colour}`)}
        {ready ? ` · ${t('ent.score', { score: detail.data.score })} · ${place(detail.data.countyName)}` : ''}
      </div>
    </>
  );
}
