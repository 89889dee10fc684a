/**
 * Every query the screen shows, through the dashboard's own query options. Two rules make an
 * unattended screen robust: `keepPreviousData` (a new dataVersion in a key never blanks a scene
 * while the new answer loads) and rendering from `data` only, never from `error` (a failed
 * refetch keeps the last good answer on screen).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { compensationQueryOptions } from '../api/get-compensation';
import { enterpriseLayerQueryOptions } from '../api/get-enterprise-layer';
import { healthQueryOptions } from '../api/get-health';
import { hotspotsQueryOptions } from '../api/get-hotspots';
import { overviewQueryOptions } from '../api/get-overview';
import { parksQueryOptions } from '../api/get-parks';
import { regionsQueryOptions } from '../api/get-regions';
import { riversQueryOptions } from '../api/get-rivers';
import { sectionsQueryOptions } from '../api/get-sections';
import { periodWindow } from '../state/period';
import { isoDaysBefore } from './screen-format';

/** The hotspot scene looks at the last 90 days up to the data's own date. */
export const HOTSPOT_DAYS = 90;

/** Everything the screen shows, for the latest data or for a past `period` (the map's period text). */
export function useScreenData(period: string | null = null) {
  const health = useQuery(healthQueryOptions());
  const dv = health.data?.dataVersion;
  const keep = { placeholderData: keepPreviousData } as const;
  const dataAsOf = health.data?.asOf ?? null;
  // The map's own reading of a period, so the screen and the map agree on every figure of it.
  const span = useMemo(() => (period && dataAsOf ? periodWindow(period, dataAsOf) : null), [period, dataAsOf]);
  const codesAsOf = span?.codesAsOf ?? null;
  const ready = dv !== undefined && (period === null || span !== null);
  const overview = useQuery({ ...overviewQueryOptions(dv, codesAsOf), enabled: ready, ...keep });
  const layer = useQuery({ ...enterpriseLayerQueryOptions(dv, codesAsOf), enabled: ready, ...keep });
  const parks = useQuery({ ...parksQueryOptions(dv, codesAsOf), enabled: ready, ...keep });
  const sections = useQuery({ ...sectionsQueryOptions(dv, codesAsOf), enabled: ready, ...keep });
  const counties = useQuery(regionsQueryOptions('county'));
  const towns = useQuery(regionsQueryOptions('town'));
  const rivers = useQuery(riversQueryOptions());
  const asOf = span?.to ?? dataAsOf;
  const window = useMemo(() => (asOf ? { from: isoDaysBefore(asOf, HOTSPOT_DAYS - 1), to: asOf } : null), [asOf]);
  const hotspots = useQuery({ ...hotspotsQueryOptions(window, dv), ...keep });
  const compensation = useQuery({ ...compensationQueryOptions(span?.year, dv), enabled: ready, ...keep });
  return {
    health: health.data,
    overview: overview.data,
    layer: layer.data,
    parks: parks.data,
    sections: sections.data,
    counties: counties.data,
    towns: towns.data,
    rivers: rivers.data,
    hotspots: hotspots.data,
    hotspotWindow: window,
    /** The past period shown, if one was asked: its text and the day its figures are read as of. */
    period: period && span ? { text: period, to: span.to } : null,
    compensation: compensation.data,
  };
}
export type ScreenData = ReturnType<typeof useScreenData>;
