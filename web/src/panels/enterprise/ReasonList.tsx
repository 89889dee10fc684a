import type { EnterpriseCode } from '../../api/get-enterprise-code';
import { useI18n } from '../../i18n/use-i18n';
import { hardRuleLabel, reasonLabel } from '../code-rules';
import { EvidenceLink } from './EvidenceLink';
import { RULE_EVIDENCE } from './evidence';

type Props = {
  code: EnterpriseCode;
  /** Damage compensations unpaid as of the assessment (staff only): the records behind that hard rule. */
  unpaidDamageIds?: number[];
};

/** Why the enterprise has its code: each rule that moved the score, and any hard rule, each with a link to its records. */
export function ReasonList({ code, unpaidDamageIds = [] }: Props) {
  const { t, lang } = useI18n();
  const caseIds = (rules: string[]) => code.reasons.filter((r) => rules.includes(r.rule)).flatMap((r) => r.evidence);
  const hardEvidence =
    code.hardRule === 'unpaidDamageCompensation'
      ? { kind: 'damage' as const, ids: unpaidDamageIds }
      : code.hardRule === 'majorCase'
        ? { kind: 'case' as const, ids: caseIds(['caseMajor']) }
        : code.hardRule === 'anyCase'
          ? { kind: 'case' as const, ids: caseIds(['caseMajor', 'caseGeneral']) }
          : null;
  return (
    <div data-testid="reasons">
      {code.hardRule && (
        <p className="hard-rule" role="note">
          <span>{t('ent.hardRule', { rule: hardRuleLabel(code.hardRule, lang) })}</span>
          {hardEvidence && hardEvidence.ids.length > 0 && (
            <EvidenceLink kind={hardEvidence.kind} ids={hardEvidence.ids} label={hardRuleLabel(code.hardRule, lang)} />
          )}
        </p>
      )}
      {code.reasons.length === 0 ? (
        <p className="muted">{t('ent.noReasons')}</p>
      ) : (
        <ul className="reason-list">
          {code.reasons.map((r) => {
            const label = reasonLabel(r.rule, r.label, lang);
            const kind = RULE_EVIDENCE[r.rule];
            return (
              <li key={r.rule} className={r.points < 0 ? 'is-minus' : 'is-plus'} data-rule={r.rule}>
                <span className="reason-label">{label}</span>
                {kind && r.evidence.length > 0 && <EvidenceLink kind={kind} ids={r.evidence} label={label} />}
                <span className="reason-points">{r.points > 0 ? `+${r.points}` : r.points}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
