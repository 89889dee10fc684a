import { useEffect } from 'react';
import { useHealth } from '../api/get-health';
import { useParks } from '../api/get-parks';
import { useRegions } from '../api/get-regions';
import { setViewState, useViewState } from '../state/view-store';

/**
 * A link can name a county, town or park that does not exist (county=330000): the map would
 * draw nothing while the select shows 全部. Once the lists are in, such a value is dropped
 * from the view (replacing the history entry), so the map, the count and the selects agree.
 */
export function useValidFilters() {
  const { county, town, park } = useViewState().filters;
  const counties = useRegions('county');
  const towns = useRegions('town', town !== null);
  const parks = useParks(useHealth().data?.dataVersion);

  const badCounty =
    county !== null && !!counties.data && !counties.data.features.some((f) => f.properties.code === county);
  const badTown =
    town !== null &&
    !!towns.data &&
    !towns.data.features.some(
      (f) => f.properties.code === town && (county === null || f.properties.parentCode === county),
    );
  const badPark = park !== null && !!parks.data && !parks.data.features.some((f) => f.properties.id === park);

  useEffect(() => {
    if (!badCounty && !badTown && !badPark) return;
    setViewState(
      (s) => ({
        ...s,
        filters: {
          ...s.filters,
          ...(badCounty ? { county: null, town: null } : {}),
          ...(badTown ? { town: null } : {}),
          ...(badPark ? { park: null } : {}),
        },
      }),
      'replace',
    );
  }, [badCounty, badTown, badPark]);
}
