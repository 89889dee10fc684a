/**
 * The enterprise panel's outlets: staff see each outlet with its hourly chart; the public sees
 * how many outlets there are by medium (the API answers them counts only).
 */

import { dayOf } from '../../../server/domain/dates';
import { useHealth } from '../api/get-health';
import { useOnlineFlags } from '../api/list-online-flags';
import { isOutletList, useOutlets } from '../api/list-outlets';
import { useSession } from '../auth/session';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { PanelSection } from '../panels/PanelSection';
import { OutletCard } from './OutletCard';
import '../auth/auth.css';
import './online.css';

export function OutletSection({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useI18n();
  const health = useHealth().data;
  const dataVersion = health?.dataVersion;
  const role = useSession().data?.role;
  const outlets = useOutlets(enterpriseId, role, dataVersion);
  const staff = role !== undefined && role !== 'public';
  const flags = useOnlineFlags({ enterprise: enterpriseId }, role, dataVersion, staff);
  const answer = outlets.data;
  if (!answer) {
    if (outlets.isError)
      return (
        <PanelSection title={t('outlets.title')}>
          <StateMessage kind="error" error={outlets.error} onRetry={() => void outlets.refetch()} />
        </PanelSection>
      );
    return null;
  }
  if (!isOutletList(answer)) {
    if (answer.total === 0) return null;
    return (
      <PanelSection title={t('outlets.title')} count={answer.total} testId="outlets-section">
        <p data-testid="outlets-public">
          {t('outlets.publicCounts', { total: answer.total, water: answer.byMedium.water, gas: answer.byMedium.gas })}
        </p>
        <p className="muted small">{t('outlets.publicHint')}</p>
      </PanelSection>
    );
  }
  if (answer.items.length === 0) return null;
  const asOf = health?.asOf ?? dayOf(new Date());
  const all = flags.data?.items ?? [];
  return (
    <PanelSection title={t('outlets.title')} count={answer.total} testId="outlets-section">
      {answer.items.map((o) => (
        <OutletCard
          key={o.id}
          outlet={o}
          flags={all.filter((f) => f.outletId === o.id)}
          asOf={asOf}
          dataVersion={dataVersion}
        />
      ))}
    </PanelSection>
  );
}
