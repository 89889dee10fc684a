import { useI18n } from '../../i18n/use-i18n';
import { type EvidenceKind, showEvidence } from './evidence';

type Props = { kind: EvidenceKind; ids: (number | string)[]; label: string };

/** "查看依据" beside a reason: opens the case, finding, complaint or compensation behind it. */
export function EvidenceLink({ kind, ids, label }: Props) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="evidence-link"
      aria-label={t('evidence.showFor', { reason: label, n: ids.length })}
      data-testid={`evidence-${kind}`}
      onClick={() => showEvidence(kind, ids)}
    >
      {t('evidence.show', { n: ids.length })}
    </button>
  );
}
