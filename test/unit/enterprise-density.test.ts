import { describe, expect, it } from 'vitest';
import type { EnterpriseLayer } from '../../web/src/map/decode-enterprise-layer';
import {
  aggregateDensity,
  CLUSTER_PX,
  cellDegrees,
  densityCovers,
  discRadius,
  type Extent,
  POINT_LIMIT,
  paddedExtent,
} from '../../web/src/map/enterprise-density';
import { buildFilterColumns, countMatching, gpuFilter, matchesFilter } from '../../web/src/map/enterprise-filter';
import { EMPTY_FILTERS, type Filters } from '../../web/src/state/view-state';

const LEVEL = 10;
const [dLon, dLat] = cellDegrees(LEVEL, 29);
// Positions inside cell (kx + cx, ky) at fractions (fx, fy) of a cell, far from its edges.
const kx = Math.floor(118.8 / dLon);
const ky = Math.floor(28.9 / dLat);
const at = (cx: number, fx: number, fy: number): [number, number] => [(kx + cx + fx) * dLon, (ky + fy) * dLat];
const view: Extent = { west: 118.7, south: 28.8, east: 118.9, north: 29.0 };

type Setup = ReturnType<typeof setup>;
/** Aggregates the way the map does: the filter panel's choices as the predicate. */
function agg(set: Setup, f: Partial<Filters>, zoom: number, extent: Extent) {
  const matches = matchesFilter(set.filter(f));
  return aggregateDensity(set.columns, zoom, extent, (i) => matches(set.columns, i));
}

type Row = { position: [number, number]; colour: number; county: number };

function layerOf(rows: Row[]): EnterpriseLayer {
  return {
    n: rows.length,
    dataVersion: 1,
    bounds: [118, 28, 120, 30],
    ids: Uint32Array.from(rows.map((_, i) => i + 1)),
    positions: Float32Array.from(rows.flatMap((r) => r.position)),
    town: new Uint16Array(rows.length),
    park: new Uint16Array(rows.length),
    industry: new Uint16Array(rows.length),
    county: Uint8Array.from(rows.map((r) => r.county)),
    flags: Uint8Array.from(rows.map((r) => r.colour)),
    dict: { counties: ['330802', '330881'], towns: [], parks: [], industries: ['C2614'] },
  };
}

function setup(rows: Row[]) {
  const layer = layerOf(rows);
  const columns = buildFilterColumns(layer);
  const filter = (f: Partial<Filters> = {}) => gpuFilter(layer, columns, { ...EMPTY_FILTERS, ...f });
  return { columns, filter, idOf: (i: number) => columns.ids[i] };
}

// Few enterprises: drawn one by one. ids 1..5 in this order.
const few = setup([
  { position: at(0, 0.25, 0.25), colour: 0, county: 0 },
  { position: at(0, 0.75, 0.75), colour: 2, county: 0 },
  { position: at(0, 0.5, 0.5), colour: 1, county: 1 },
  { position: at(1, 0.5, 0.25), colour: 0, county: 1 },
  { position: [119.9, 29.9], colour: 2, county: 1 }, // outside the view
]);

// Many: cell A 16,000 green + 3,000 yellow + 1,000 red, cell B 4,000 green, one red far away.
const manyRows: Row[] = [];
const spread = (cx: number, count: number, colour: number) => {
  for (let i = 0; i < count; i++) {
    // Symmetric about the cell's centre, so the mean is the centre.
    const f = 0.3 + 0.4 * ((i % 2 === 0 ? i : count - i) / count);
    manyRows.push({ position: at(cx, f, 1 - f), colour, county: 0 });
  }
};
spread(0, 16_000, 0);
spread(0, 3_000, 1);
spread(0, 1_000, 2);
spread(1, 4_000, 0);
manyRows.push({ position: [119.9, 29.9], colour: 2, county: 1 });
const many = setup(manyRows);

describe('enterprise density: few in view', () => {
  it('draws each enterprise where it is, red last', () => {
    const d = agg(few, {}, LEVEL + 0.6, view);
    expect(d.mode).toBe('points');
    expect(d.level).toBe(LEVEL);
    expect([...d.singles].map(few.idOf)).toEqual([1, 4, 3, 2]);
    for (let k = 0; k < d.length; k++) {
      const i = d.singles[k];
      expect(d.positions[2 * k]).toBe(few.columns.positions[2 * i]);
      expect(d.positions[2 * k + 1]).toBe(few.columns.positions[2 * i + 1]);
    }
    expect([...d.counts]).toEqual([1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('applies the filters first', () => {
    const red = agg(few, { colours: ['red'] }, LEVEL, view);
    expect([...red.singles].map(few.idOf)).toEqual([2]);
    const county = agg(few, { county: '330881' }, LEVEL, view);
    expect([...county.singles].map(few.idOf)).toEqual([4, 3]);
    const none = agg(few, { county: '330000' }, LEVEL, view);
    expect(none.length).toBe(0);
  });
});

describe('enterprise density: many in view', () => {
  it('clusters per cell with the colour counts and the mean position', () => {
    const d = agg(many, {}, LEVEL, view);
    expect(d.mode).toBe('clusters');
    expect(d.length).toBe(2);
    expect([...d.counts]).toEqual([16_000, 3_000, 1_000, 4_000, 0, 0]);
    expect(d.fullTotal).toBe(4_000); // the 90th percentile of two totals is the smaller
    expect([...d.singles]).toEqual([-1, -1]);
    const [aLon, aLat] = at(0, 0.5, 0.5);
    expect(d.positions[0]).toBeCloseTo(aLon, 5);
    expect(d.positions[1]).toBeCloseTo(aLat, 5);
  });

  it('switches to single enterprises when the filter leaves few', () => {
    const red = agg(many, { colours: ['red'] }, LEVEL, view);
    expect(red.mode).toBe('points');
    expect(red.length).toBe(1_000);
    const all = agg(many, { colours: ['red'] }, LEVEL, paddedExtent(view));
    expect(all.length).toBe(1_000); // the far one is outside even the padded view
    expect(POINT_LIMIT).toBeLessThan(24_000);
  });

  it('counts every matching enterprise in the extent exactly once', () => {
    const world: Extent = { west: 118, south: 28, east: 120, north: 30 };
    for (const f of [{}, { colours: ['red' as const] }, { colours: ['green' as const, 'yellow' as const] }]) {
      const d = agg(many, f, LEVEL, world);
      expect(d.counts.reduce((a, b) => a + b, 0)).toBe(countMatching(many.columns, many.filter(f)));
    }
  });

  it('keeps an enterprise in the same cell wherever the extent starts', () => {
    const a = agg(many, {}, LEVEL, view);
    const b = agg(many, {}, LEVEL, { ...view, west: 118.75, south: 28.85 });
    expect([...b.counts]).toEqual([...a.counts]);
    expect([...b.positions]).toEqual([...a.positions]);
  });

  it('grows the cell rather than allocate an unbounded grid for a huge extent', () => {
    const world: Extent = { west: -180, south: -85, east: 180, north: 85 };
    const d = agg(many, {}, 16, world);
    expect(d.counts.reduce((a, b) => a + b, 0)).toBe(manyRows.length);
  });
});

describe('enterprise density: discs and views', () => {
  it('sizes discs by area: full size at the reference total, inner discs by their share', () => {
    const R = CLUSTER_PX / 2;
    expect(discRadius(4_000, 4_000, 4_000)).toBe(R);
    expect(discRadius(20_000, 20_000, 4_000)).toBe(R); // larger clusters stay full size
    expect(discRadius(1_000, 1_000, 4_000)).toBe(R / 2);
    // A quarter of the enterprises red: the red core has a quarter of the area, half the radius.
    expect(discRadius(5_000, 20_000, 4_000)).toBe(R / 2);
    expect(discRadius(1_000, 4_000, 4_000)).toBe(R / 2);
    expect(discRadius(1, 1, 4_000)).toBe(2.5);
    expect(discRadius(1, 4_000, 4_000)).toBe(1.5);
    expect(discRadius(0, 4_000, 4_000)).toBe(0);
  });

  it('knows when a new view needs a new aggregation', () => {
    const d = agg(few, {}, LEVEL, paddedExtent(view));
    expect(densityCovers(d, LEVEL + 0.9, view)).toBe(true);
    expect(densityCovers(d, LEVEL + 1, view)).toBe(false);
    const w = view.east - view.west;
    expect(densityCovers(d, LEVEL, { ...view, west: view.west + w * 0.2, east: view.east + w * 0.2 })).toBe(true);
    expect(densityCovers(d, LEVEL, { ...view, west: view.west + w * 0.3, east: view.east + w * 0.3 })).toBe(false);
  });
});
