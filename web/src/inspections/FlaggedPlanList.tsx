/**
 * The plan's must-inspect enterprises for monitoring data anomalies (监测数据异常（必查）): they
 * enter whatever their colour, each with the kinds of its open flags as the reason.
 */
import type { InspectionPlan } from '../api/plan-inspections';
import { CodeSymbol } from '../components/CodeSymbol';
import { useI18n } from '../i18n/use-i18n';

export type FlaggedEntry = InspectionPlan['flagged'][number];

export function FlaggedPlanList({ flagged, onPick }: { flagged: FlaggedEntry[]; onPick: (id: number) => void }) {
  const { t, fmt } = useI18n();
  const title = t('plan.flagged');
  return (
    <section className="plan-list plan-list--flagged" aria-label={title}>
      <h3>
        <span className="anomaly-dot" aria-hidden="true" /> {title}
        <span className="count-badge">{t('plan.count', { n: fmt.int(flagged.length) })}</span>
      </h3>
      <ol data-testid="plan-flagged">
        {flagged.map((f, i) => (
          <li key={f.id} data-id={f.id}>
            <span className="plan-no" aria-hidden="true">
              {i + 1}.
            </span>
            <CodeSymbol colour={f.colour} size={12} />
            <button type="button" className="btn--link plan-name" lang="zh" onClick={() => onPick(f.id)}>
              {f.name || `#${f.id}`}
            </button>
            <span className="plan-reason" data-testid="plan-reason">
              {t('plan.flaggedReason', {
                kinds: f.kinds.map((k) => t(`flags.kind.${k}` as 'flags.kind.gap')).join('、'),
              })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
