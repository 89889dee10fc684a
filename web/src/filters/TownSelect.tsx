import { useId } from 'react';
import { useRegions } from '../api/get-regions';
import { useI18n } from '../i18n/use-i18n';
import { requestFilterZoom } from '../map/zoom-to-filter';
import { updateFilters, useViewState } from '../state/view-store';

/** Towns of the chosen county (the list of a whole city is too long to be useful). */
export function TownSelect() {
  const id = useId();
  const { t, place } = useI18n();
  const { county, town } = useViewState().filters;
  const towns = useRegions('town', county !== null || town !== null);
  const options = towns.data?.features.filter((f) => !county || f.properties.parentCode === county) ?? [];
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {t('filters.town')}
      </label>
      <select
        id={id}
        value={town ?? ''}
        disabled={!county && !town}
        onChange={(e) => {
          updateFilters({ town: e.target.value || null });
          requestFilterZoom();
        }}
      >
        <option value="">{county || town ? t('filters.all') : t('filters.selectCountyFirst')}</option>
        {options.map((f) => (
          <option key={f.properties.code} value={f.properties.code}>
            {place(f.properties.name)}
          </option>
        ))}
      </select>
    </div>
  );
}
