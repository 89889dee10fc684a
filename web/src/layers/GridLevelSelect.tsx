import { useI18n } from '../i18n/use-i18n';
import { setViewState, useViewState } from '../state/view-store';

const LEVELS = [1, 2, 3] as const;

/** Which of the three grid levels to draw (county departments, towns/parks, villages). */
export function GridLevelSelect() {
  const { t } = useI18n();
  const level = useViewState().gridLevel;
  return (
    <fieldset className="segmented">
      <legend className="sr-only">{t('layers.gridLevel')}</legend>
      <div className="segmented-buttons">
        {LEVELS.map((l) => (
          <button
            key={l}
            type="button"
            aria-pressed={level === l}
            aria-label={t(`layers.gridLevel${l}`)}
            onClick={() => setViewState((s) => ({ ...s, gridLevel: l }))}
          >
            {t(`layers.gridShort${l}`)}
          </button>
        ))}
      </div>
      <p className="segmented-note">{t(`layers.gridLevel${level}`)}</p>
    </fieldset>
  );
}
