import { CodeSymbol } from '../../components/CodeSymbol';
import { useI18n } from '../../i18n/use-i18n';
import type { Colour } from '../../map/decode-enterprise-layer';

/** The code as a big badge: symbol, colour name, what it means, and the score. */
export function CodeBadge({ colour, score }: { colour: Colour; score: number }) {
  const { t } = useI18n();
  return (
    <div className={`code-badge code-badge--${colour}`} data-testid="code-badge">
      <CodeSymbol colour={colour} size={34} />
      <div className="code-badge-text">
        <strong>{t(`colour.${colour}`)}</strong>
        <span>{t(`colour.${colour}.meaning`)}</span>
      </div>
      <div className="code-badge-score">
        <span className="score-value">{score}</span>
        <span className="score-unit">/100</span>
      </div>
    </div>
  );
}
