import { describe, expect, it } from 'vitest';
import type { EnterpriseLayer } from '../../web/src/map/decode-enterprise-layer';
import {
  anomalyPositions,
  buildFilterColumns,
  categoriesOf,
  countMatching,
  gpuFilter,
  matchingBounds,
  withAnomalies,
} from '../../web/src/map/enterprise-filter';
import { EMPTY_FILTERS, type Filters } from '../../web/src/state/view-state';

// Five enterprises: colour in bits 0–1, key pollutant bit 2, insured bit 3.
const layer: EnterpriseLayer = {
  n: 5,
  dataVersion: 1,
  bounds: [118, 28, 119, 29],
  ids: Uint32Array.of(1, 2, 3, 4, 5),
  positions: Float32Array.of(118.1, 28.1, 118.2, 28.2, 118.3, 28.3, 118.4, 28.4, 118.5, 28.5),
  town: Uint16Array.of(1, 2, 0, 1, 2),
  park: Uint16Array.of(1, 0, 2, 1, 0),
  industry: Uint16Array.of(0, 1, 2, 0, 3),
  county: Uint8Array.of(0, 0, 1, 0, 1),
  flags: Uint8Array.of(2 | 4, 0, 1 | 8, 2 | 8, 1),
  dict: {
    counties: ['330802', '330881'],
    towns: ['330802005', '330802006'],
    parks: [11, 12],
    industries: ['C2614', 'C3311', 'C2619', 'D4411'],
  },
};
const columns = buildFilterColumns(layer);
const count = (f: Partial<Filters>) => countMatching(columns, gpuFilter(layer, columns, { ...EMPTY_FILTERS, ...f }));

describe('enterprise filter', () => {
  it('orders green, then yellow, then red so red draws on top', () => {
    expect([...columns.ids]).toEqual([2, 3, 5, 1, 4]);
    expect(columns.positions[0]).toBeCloseTo(118.2);
    expect([...columns.flags].map((f) => f & 3)).toEqual([0, 1, 1, 2, 2]);
  });

  it('counts everything with no filter', () => expect(count({})).toBe(5));
  it('filters by county code', () => expect(count({ county: '330881' })).toBe(2));
  it('filters by town and park (0 means none)', () => {
    expect(count({ town: '330802005' })).toBe(2);
    expect(count({ park: 12 })).toBe(1);
  });
  it('filters an industry subtree by prefix', () => {
    expect(count({ industry: 'C26' })).toBe(3);
    expect(count({ industry: 'C' })).toBe(4);
    expect(count({ industry: 'C2614' })).toBe(2);
  });
  it('filters colours as a set', () => {
    expect(count({ colours: ['red'] })).toBe(2);
    expect(count({ colours: ['red', 'green'] })).toBe(3);
  });
  it('filters key pollutant and insured flags', () => {
    expect(count({ keyPollutant: true })).toBe(1);
    expect(count({ insured: true })).toBe(2);
    expect(count({ insured: false, colours: ['yellow'] })).toBe(1);
  });
  it('matches nothing for codes absent from the layer', () => {
    expect(count({ county: '330000' })).toBe(0);
    expect(count({ park: 99 })).toBe(0);
    expect(count({ industry: 'Z' })).toBe(0);
  });
  it('produces deck.gl ranges and categories', () => {
    const g = gpuFilter(layer, columns, { ...EMPTY_FILTERS, park: 12, colours: ['yellow'] });
    expect(g.filterRange[2]).toEqual([2, 2]);
    expect(g.filterCategories[0]).toEqual([1]);
    expect(g.filterCategories[1]).toEqual([0, 1]);
  });

  it('bounds the enterprises that pass, for zooming to a filter; none pass → null', () => {
    const bounds = (f: Partial<Filters>) =>
      matchingBounds(columns, gpuFilter(layer, columns, { ...EMPTY_FILTERS, ...f }));
    const [minLon, minLat, maxLon, maxLat] = bounds({ park: 11 }) ?? [];
    // Park 11 holds enterprises 1 (118.1, 28.1) and 4 (118.4, 28.4).
    expect([minLon, minLat, maxLon, maxLat].map((v) => Math.round((v as number) * 10) / 10)).toEqual([
      118.1, 28.1, 118.4, 28.4,
    ]);
    expect(bounds({ park: 12, colours: ['green'] })).toBeNull();
    expect(bounds({})?.map((v) => Math.round(v * 10) / 10)).toEqual([118.1, 28.1, 118.5, 28.5]);
  });

  it('marks enterprises with open integrity flags and filters by them (监测数据异常)', () => {
    const marked = withAnomalies(columns, [3, 4, 99]);
    expect(marked.positions).toBe(columns.positions); // shared, only the flags are new
    expect([...marked.ids].filter((_, i) => categoriesOf(marked.flags[i])[3] === 1).sort()).toEqual([3, 4]);
    const countMarked = (f: Partial<Filters>) =>
      countMatching(marked, gpuFilter(layer, marked, { ...EMPTY_FILTERS, ...f }));
    expect(countMarked({ anomaly: true })).toBe(2);
    expect(countMarked({ anomaly: false })).toBe(3);
    expect(countMarked({ anomaly: true, colours: ['red'] })).toBe(1);
    expect(countMarked({})).toBe(5);
    // Re-marking replaces the set, the colour bits stay.
    const again = withAnomalies(marked, [1]);
    expect([...again.flags].map((f) => f & 15)).toEqual([...columns.flags]);
    expect(countMatching(again, gpuFilter(layer, again, { ...EMPTY_FILTERS, anomaly: true }))).toBe(1);
    // Rings only where a flagged enterprise passes the filter.
    const rings = anomalyPositions(marked, gpuFilter(layer, marked, { ...EMPTY_FILTERS, colours: ['red'] }));
    expect(rings.length).toBe(2);
    expect(rings[0]).toBeCloseTo(118.4);
    expect(anomalyPositions(columns, gpuFilter(layer, columns, EMPTY_FILTERS)).length).toBe(0);
  });
});
