import type { EnterpriseCode } from '../../api/get-enterprise-code';
import { useI18n } from '../../i18n/use-i18n';

/** The ordered steps that would turn the code green, with what each is worth. */
export function PathToGreen({ code }: { code: EnterpriseCode }) {
  const { t } = useI18n();
  if (code.colour === 'green') return <p className="muted">{t('ent.alreadyGreen')}</p>;
  return (
    <ol className="path-list">
      {code.pathToGreen.map((step) => (
        <li key={`${step.action}|${step.points}`}>
          {/* Chinese until the path to green is structured data (issue 11): marked so, not passed off as English. */}
          <span className="path-action" lang="zh">
            {step.action}
          </span>
          {step.points !== 0 && <span className="path-points">+{step.points}</span>}
        </li>
      ))}
    </ol>
  );
}
