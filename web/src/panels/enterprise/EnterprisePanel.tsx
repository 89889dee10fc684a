/**
 * An enterprise's story: who it is, its code and score, why (reasons), how to get to green,
 * how the code changed, and the records behind it — cases, damage compensations, findings,
 * insurance, complaints. Each reason links to its records.
 */

import { useEnterprise } from '../../api/get-enterprise';
import { useEnterpriseCode } from '../../api/get-enterprise-code';
import { useHealth } from '../../api/get-health';
import { setPhoneTab } from '../../app/phone-tab';
import { StateMessage } from '../../components/StateMessage';
import { useI18n } from '../../i18n/use-i18n';
import { mapController } from '../../map/map-controller';
import { OutletSection } from '../../online/OutletSection';
import { PanelSection } from '../PanelSection';
import type { DetailPanelProps } from '../registry';
import { CaseList } from './CaseList';
import { CodeBadge } from './CodeBadge';
import { CodeHistory } from './CodeHistory';
import { ComplaintList } from './ComplaintList';
import { DamageList } from './DamageList';
import { EnterpriseFacts } from './EnterpriseFacts';
import { FindingList } from './FindingList';
import { InspectionList } from './InspectionList';
import { InsuranceList } from './InsuranceList';
import { PathToGreen } from './PathToGreen';
import { ReasonList } from './ReasonList';
import './enterprise-panel.css';

export function EnterprisePanel({ id }: DetailPanelProps) {
  const { t } = useI18n();
  const dataVersion = useHealth().data?.dataVersion;
  const detail = useEnterprise(id, dataVersion);
  const code = useEnterpriseCode(id ?? 0, dataVersion);

  if (detail.isPending) return <StateMessage kind="loading" />;
  if (detail.isError) return <StateMessage kind="error" error={detail.error} onRetry={() => void detail.refetch()} />;
  const e = detail.data;

  return (
    <div className="panel-body enterprise-panel" data-testid="enterprise-panel">
      <p className="eyebrow">{t('ent.title')}</p>
      <h2 className="panel-title" lang="zh">
        {e.name}
      </h2>
      <CodeBadge colour={code.data?.colour ?? e.colour} score={code.data?.score ?? e.score} />
      {code.data && (
        <p className="muted small">
          {t('ent.evaluatedAt', { date: code.data.evaluatedAt, version: code.data.rulesVersion })}
        </p>
      )}
      <EnterpriseFacts e={e} />
      <button
        type="button"
        className="btn btn--small btn--ghost"
        onClick={() => {
          setPhoneTab('map');
          mapController.flyTo(e.lon, e.lat, 14);
        }}
      >
        {t('ent.flyTo')}
      </button>

      <PanelSection title={t('ent.reasons')} count={code.data?.reasons.length} testId="reasons-section">
        {code.isPending ? (
          <StateMessage kind="loading" />
        ) : code.isError ? (
          <StateMessage kind="error" error={code.error} onRetry={() => void code.refetch()} />
        ) : (
          <ReasonList
            code={code.data}
            unpaidDamageIds={e.damageCompensations?.filter((d) => d.state === 'unpaid').map((d) => d.id)}
          />
        )}
      </PanelSection>
      {code.data && (
        <>
          <PanelSection title={t('ent.pathToGreen')} count={code.data.pathToGreen.length || undefined}>
            <PathToGreen code={code.data} />
          </PanelSection>
          <PanelSection title={t('ent.history')} count={code.data.history.length}>
            <CodeHistory code={code.data} />
          </PanelSection>
        </>
      )}
      <OutletSection enterpriseId={e.id} />
      <PanelSection title={t('ent.cases')} count={e.cases.length} open={e.cases.length > 0}>
        <CaseList cases={e.cases} />
      </PanelSection>
      {e.damageCompensations && e.damageCompensations.length > 0 && (
        <PanelSection title={t('damage.title')} count={e.damageCompensations.length} testId="damage-section">
          <DamageList items={e.damageCompensations} />
        </PanelSection>
      )}
      <PanelSection title={t('ent.findings')} count={e.counts.findings.total} open={e.counts.findings.total > 0}>
        <FindingList findings={e.findings} counts={e.counts.findings} />
      </PanelSection>
      <PanelSection title={t('ent.insurance')} count={e.insurance.length}>
        <InsuranceList policies={e.insurance} />
      </PanelSection>
      <PanelSection title={t('ent.complaints')} count={e.counts.complaints.total} open={e.counts.complaints.total > 0}>
        <ComplaintList complaints={e.complaints} counts={e.counts.complaints} />
      </PanelSection>
      <PanelSection title={t('ent.inspections')} count={e.inspections.length} open={false}>
        <InspectionList inspections={e.inspections} />
      </PanelSection>
    </div>
  );
}
