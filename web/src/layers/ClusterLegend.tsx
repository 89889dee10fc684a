import { useI18n } from '../i18n/use-i18n';
import { DENSITY_THRESHOLD } from '../map/enterprise-density';
import { CODE_COLOURS } from '../map/palette';
import { useEnterpriseColumns } from '../map/use-enterprise-columns';

/** Explains the cluster discs, shown only when the layer is large enough to be drawn as clusters. */
export function ClusterLegend() {
  const { t } = useI18n();
  const { total } = useEnterpriseColumns();
  if (total === null || total <= DENSITY_THRESHOLD) return null;
  return (
    <div className="legend-row legend-cluster" data-testid="cluster-legend">
      <svg width="30" height="30" viewBox="0 0 30 30" aria-hidden="true">
        <circle cx="15" cy="15" r="13" fill={CODE_COLOURS.green} fillOpacity="0.6" stroke="#050a14" strokeWidth="1.5" />
        <circle cx="15" cy="15" r="7" fill={CODE_COLOURS.yellow} />
        <circle cx="15" cy="15" r="4" fill={CODE_COLOURS.red} />
      </svg>
      <span className="legend-note">{t('legend.cluster')}</span>
    </div>
  );
}
