import { useId } from 'react';
import { useHealth } from '../api/get-health';
import { useParks } from '../api/get-parks';
import { useI18n } from '../i18n/use-i18n';
import { requestFilterZoom } from '../map/zoom-to-filter';
import { updateFilters, useViewState } from '../state/view-store';

export function ParkSelect() {
  const id = useId();
  const { t, fmt, place, lang } = useI18n();
  const { county, park } = useViewState().filters;
  const parks = useParks(useHealth().data?.dataVersion);
  const options = (parks.data?.features ?? [])
    .map((f) => f.properties)
    .filter((p) => !county || p.countyCode === county)
    .map((p) => ({ ...p, label: place(p.name) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang === 'en' ? 'en' : 'zh-CN'));
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {t('filters.park')}
      </label>
      <select
        id={id}
        value={park ?? ''}
        disabled={!parks.data}
        onChange={(e) => {
          updateFilters({ park: e.target.value ? Number(e.target.value) : null });
          requestFilterZoom();
        }}
      >
        <option value="">{parks.isError ? t('state.error') : t('filters.all')}</option>
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
            {lang === 'en' ? ` (${fmt.int(p.enterpriseCount)})` : `（${fmt.int(p.enterpriseCount)}）`}
          </option>
        ))}
      </select>
    </div>
  );
}
