/**
 * What the scenes draw, derived from the queries for the screen's scope (the city, or one
 * county with ?county=). Memoised on the data objects, so a scene change computes nothing.
 */
import { useMemo } from 'react';
import {
  type Bbox,
  bboxOf,
  type ColourCounts,
  drawColumns,
  emptyCounts,
  enterpriseCounts,
  parksInScope,
  sectionsInScope,
  summariseHotspots,
} from './screen-data';
import { sp } from './screen-text';
import type { ScreenData } from './use-screen-data';

/** Quzhou as a whole, until the county boundaries arrive. */
export const CITY_BOUNDS: Bbox = [118.02, 28.24, 119.33, 29.5];

export type AreaRow = { code: string; name: string; counts: ColourCounts };

export function useScreenDerived(data: ScreenData, county: string | null) {
  const { layer, counties, towns, parks, sections, hotspots } = data;

  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const f of counties?.features ?? []) m.set(f.properties.code, sp(f.properties.name));
    for (const f of towns?.features ?? []) m.set(f.properties.code, sp(f.properties.name));
    return m;
  }, [counties, towns]);
  const countyName = useMemo(() => (code: string) => names.get(code) ?? code, [names]);

  const countyFeature = useMemo(
    () => (county ? counties?.features.find((f) => f.properties.code === county) : undefined),
    [counties, county],
  );
  // An unknown county code falls back to the whole city rather than an empty screen.
  const scope = county && (!counties || countyFeature) ? county : null;
  const scopeName = scope ? countyName(scope) : sp('衢州市');

  const bounds = useMemo((): Bbox => {
    if (countyFeature) return bboxOf(countyFeature.geometry as never) ?? CITY_BOUNDS;
    let b: Bbox | null = null;
    for (const f of counties?.features ?? []) {
      const fb = bboxOf(f.geometry as never);
      if (!fb) continue;
      b = b ? [Math.min(b[0], fb[0]), Math.min(b[1], fb[1]), Math.max(b[2], fb[2]), Math.max(b[3], fb[3])] : fb;
    }
    return b ?? CITY_BOUNDS;
  }, [counties, countyFeature]);

  const counts = useMemo(
    () => (layer ? enterpriseCounts(layer, scope) : { scope: emptyCounts(), byCounty: new Map(), byTown: new Map() }),
    [layer, scope],
  );

  /** Bars of the "by area" chart: the six counties, or the towns of the focused county. */
  const areaRows = useMemo((): AreaRow[] => {
    if (scope) {
      return [...counts.byTown.entries()]
        .map(([code, c]) => ({ code, name: names.get(code) ?? code, counts: c }))
        .sort((a, b) => b.counts.total - a.counts.total)
        .slice(0, 10);
    }
    return [...counts.byCounty.entries()]
      .map(([code, c]) => ({ code, name: names.get(code) ?? code, counts: c }))
      .sort((a, b) => b.counts.total - a.counts.total);
  }, [counts, names, scope]);

  const parkRows = useMemo(() => parksInScope(parks?.features ?? [], scope, 10), [parks, scope]);
  const sectionScope = useMemo(() => sectionsInScope(sections?.features ?? [], scope), [sections, scope]);

  const hot = useMemo(
    () => (hotspots && towns ? summariseHotspots(hotspots, towns.features, countyName, scope) : null),
    [hotspots, towns, countyName, scope],
  );

  const allEnterprises = useMemo(() => (layer ? drawColumns(layer, scope) : null), [layer, scope]);
  const concernEnterprises = useMemo(() => (layer ? drawColumns(layer, scope, [1, 2]) : null), [layer, scope]);

  return {
    scope,
    scopeName,
    countyName,
    bounds,
    counts: counts.scope,
    areaRows,
    parkRows,
    sectionScope,
    hot,
    allEnterprises,
    concernEnterprises,
  };
}
export type ScreenDerived = ReturnType<typeof useScreenDerived>;
