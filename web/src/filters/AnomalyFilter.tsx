/**
 * 监测数据异常: with or without open integrity flags. Staff only — which enterprises are flagged
 * is not public — so a shared link's anomaly filter is dropped for a reader who is not logged in.
 */
import { useEffect } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/use-i18n';
import { setViewState, updateFilters, useViewState } from '../state/view-store';
import { TriStateSelect } from './TriStateSelect';

export function AnomalyFilter() {
  const { t } = useI18n();
  const { anomaly } = useViewState().filters;
  const role = useSession().data?.role;
  const isPublic = role === 'public';
  useEffect(() => {
    if (isPublic && anomaly !== null)
      setViewState((s) => ({ ...s, filters: { ...s.filters, anomaly: null } }), 'replace');
  }, [isPublic, anomaly]);
  if (role === undefined || isPublic) return null;
  return (
    <TriStateSelect label={t('filters.anomaly')} value={anomaly} onChange={(v) => updateFilters({ anomaly: v })} />
  );
}
