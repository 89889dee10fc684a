import type { EnterpriseCode } from '../../api/get-enterprise-code';
import { useI18n } from '../../i18n/use-i18n';
import { hardRuleLabel, reasonLabel } from '../code-rules';

/** Why the enterprise has its code: each rule that moved the score, and any hard rule. */
export function ReasonList({ code }: { code: EnterpriseCode }) {
  const { t, lang } = useI18n();
  return (
    <div data-testid="reasons">
      {code.hardRule && (
        <p className="hard-rule" role="note">
          {t('ent.hardRule', { rule: hardRuleLabel(code.hardRule, lang) })}
        </p>
      )}
      {code.reasons.length === 0 ? (
        <p className="muted">{t('ent.noReasons')}</p>
      ) : (
        <ul className="reason-list">
          {code.reasons.map((r) => (
            <li key={r.rule} className={r.points < 0 ? 'is-minus' : 'is-plus'}>
              <span className="reason-label">{reasonLabel(r.rule, r.label, lang)}</span>
              <span className="reason-points">{r.points > 0 ? `+${r.points}` : r.points}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
