import { CodeSymbol } from '../components/CodeSymbol';
import { useI18n } from '../i18n/use-i18n';
import { COLOURS } from '../map/decode-enterprise-layer';
import { updateFilters, useViewState } from '../state/view-store';

/** Three toggle buttons; none pressed = every colour. */
export function ColourFilter() {
  const { t } = useI18n();
  const { colours } = useViewState().filters;
  return (
    <fieldset className="field colour-filter">
      <legend className="field-label">{t('filters.colour')}</legend>
      <div className="toggle-group">
        {COLOURS.map((c) => {
          const on = colours.includes(c);
          return (
            <button
              key={c}
              type="button"
              className={`toggle toggle--${c}`}
              aria-pressed={on}
              onClick={() =>
                updateFilters({
                  colours: on ? colours.filter((x) => x !== c) : COLOURS.filter((x) => x === c || colours.includes(x)),
                })
              }
            >
              <CodeSymbol colour={c} size={14} />
              {t(`colour.${c}`)}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
