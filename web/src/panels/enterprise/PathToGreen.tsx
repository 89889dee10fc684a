import type { EnterpriseCode } from '../../api/get-enterprise-code';
import { useI18n } from '../../i18n/use-i18n';
import { pathStepText } from './path-step';

/** The ordered steps that would turn the code green, with what each is worth. */
export function PathToGreen({ code }: { code: EnterpriseCode }) {
  const { t } = useI18n();
  if (code.colour === 'green') return <p className="muted">{t('ent.alreadyGreen')}</p>;
  return (
    <ol className="path-list">
      {code.pathToGreen.map((step, i) => (
        // Steps repeat a rule (three overdue findings) and the public sees no ids: the position is the key.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole, never reordered
        <li key={i}>
          <span className="path-action">{pathStepText(step, t)}</span>
          {step.points !== 0 && <span className="path-points">+{step.points}</span>}
        </li>
      ))}
    </ol>
  );
}
