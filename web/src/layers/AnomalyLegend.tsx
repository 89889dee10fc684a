/** The legend's "监测数据异常" entry: the ring the map draws, and how many enterprises carry it. */
import { useFlaggedEnterprises } from '../api/get-flagged-enterprises';
import { useHealth } from '../api/get-health';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/use-i18n';
import { ANOMALY_COLOUR, CODE_COLOURS } from '../map/palette';
import '../online/online.css';

export function AnomalyLegend() {
  const { t, fmt } = useI18n();
  const role = useSession().data?.role;
  const staff = role !== undefined && role !== 'public';
  const flagged = useFlaggedEnterprises(useHealth().data?.dataVersion, staff).data;
  return (
    <div className="legend legend-row legend--anomaly" data-testid="legend-anomaly">
      <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
        <circle cx="11" cy="11" r="4" fill={CODE_COLOURS.green} />
        <circle cx="11" cy="11" r="8.5" fill="none" stroke={ANOMALY_COLOUR} strokeWidth="2.5" />
      </svg>
      <span className="legend-anomaly-text">
        <span className="legend-label">{t('legend.anomaly')}</span>
        <span className="legend-note">
          {staff
            ? t('legend.anomalyNote', { n: flagged ? fmt.int(flagged.items.length) : '…' })
            : t('legend.anomalyLogin')}
        </span>
      </span>
    </div>
  );
}
