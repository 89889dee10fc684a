import { useId } from 'react';
import { useRegions } from '../api/get-regions';
import { useI18n } from '../i18n/use-i18n';
import { requestFilterZoom } from '../map/zoom-to-filter';
import { setViewState, useViewState } from '../state/view-store';

export function CountySelect() {
  const id = useId();
  const { t, place } = useI18n();
  const { county } = useViewState().filters;
  const counties = useRegions('county');
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {t('filters.county')}
      </label>
      <select
        id={id}
        value={county ?? ''}
        disabled={!counties.data}
        onChange={(e) => {
          // A town or park from another county would silently empty the map: clear them.
          setViewState((s) => ({
            ...s,
            filters: { ...s.filters, county: e.target.value || null, town: null, park: null },
          }));
          requestFilterZoom();
        }}
      >
        <option value="">{counties.isError ? t('state.error') : t('filters.all')}</option>
        {counties.data?.features.map((f) => (
          <option key={f.properties.code} value={f.properties.code}>
            {place(f.properties.name)}
          </option>
        ))}
      </select>
    </div>
  );
}
