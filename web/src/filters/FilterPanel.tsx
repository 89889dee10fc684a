import { useI18n } from '../i18n/use-i18n';
import { EMPTY_FILTERS, hasActiveFilter } from '../state/view-state';
import { updateFilters, useViewState } from '../state/view-store';
import { AnomalyFilter } from './AnomalyFilter';
import { ColourFilter } from './ColourFilter';
import { CountySelect } from './CountySelect';
import { FilterCount } from './FilterCount';
import { IndustrySelect } from './IndustrySelect';
import { ParkSelect } from './ParkSelect';
import { PeriodSelect } from './PeriodSelect';
import { TownSelect } from './TownSelect';
import { TriStateSelect } from './TriStateSelect';
import { useValidFilters } from './use-valid-filters';

/** Enterprise filters: all applied on the GPU, so changing one never refetches the layer. */
export function FilterPanel() {
  const { t } = useI18n();
  const { filters } = useViewState();
  useValidFilters();
  return (
    <section className="card filter-panel" aria-labelledby="filters-title">
      <div className="card-head">
        <h2 id="filters-title" className="card-title">
          {t('filters.title')}
        </h2>
        <button
          type="button"
          className="btn btn--link"
          disabled={!hasActiveFilter(filters)}
          onClick={() => updateFilters(EMPTY_FILTERS)}
        >
          {t('filters.clear')}
        </button>
      </div>
      <PeriodSelect />
      <FilterCount />
      <ColourFilter />
      <div className="field-grid">
        <CountySelect />
        <TownSelect />
      </div>
      <ParkSelect />
      <IndustrySelect />
      <div className="field-grid">
        <TriStateSelect
          label={t('filters.keyPollutant')}
          value={filters.keyPollutant}
          onChange={(v) => updateFilters({ keyPollutant: v })}
        />
        <TriStateSelect
          label={t('filters.insured')}
          value={filters.insured}
          onChange={(v) => updateFilters({ insured: v })}
        />
        <AnomalyFilter />
      </div>
    </section>
  );
}
