import { cellArea, cellToLatLng, gridDisk, gridDistance, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { binForZ, computeHotspots, giStar, type PolygonGeometry, studyAreaCells } from '../../server/domain/hotspots';

// A square of about 30 km × 30 km around 118.9°E 28.9°N (衢州 area):
// 0.31° of longitude ≈ 30 km at 28.9°N, 0.27° of latitude ≈ 30 km.
const square: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [118.745, 28.765],
      [119.055, 28.765],
      [119.055, 29.035],
      [118.745, 29.035],
      [118.745, 28.765],
    ],
  ],
};

describe('binForZ', () => {
  it('uses strict thresholds at 1.65, 1.96 and 2.58', () => {
    expect(binForZ(0)).toBe('ns');
    expect(binForZ(1.65)).toBe('ns');
    expect(binForZ(1.6501)).toBe('hot90');
    expect(binForZ(1.96)).toBe('hot90');
    expect(binForZ(1.9601)).toBe('hot95');
    expect(binForZ(2.58)).toBe('hot95');
    expect(binForZ(2.5801)).toBe('hot99');
    expect(binForZ(-1.65)).toBe('ns');
    expect(binForZ(-1.7)).toBe('cold90');
    expect(binForZ(-2)).toBe('cold95');
    expect(binForZ(-2.59)).toBe('cold99');
    expect(binForZ(Number.NaN)).toBe('ns');
  });
});

describe('giStar', () => {
  it('matches a hand-computed case', () => {
    // Cells: a centre c, its six ring-1 neighbours r1…r6, and a far cell f (5 rings away). n = 8.
    // Counts: c = 8, everything else 0.
    // X̄ = 8/8 = 1. S = sqrt(Σx²/n − X̄²) = sqrt(64/8 − 1) = sqrt(7).
    // Centre: neighbourhood {c, r1…r6}, m = 7, Σx = 8.
    //   z = (8 − 1·7) / (sqrt7 · sqrt((8·7 − 7²)/7)) = 1 / (sqrt7 · 1) = 1/sqrt7 ≈ 0.37796.
    // Ring cell: neighbourhood {itself, c, two ring neighbours}, m = 4, Σx = 8.
    //   z = (8 − 4) / (sqrt7 · sqrt((32 − 16)/7)) = 4 / (sqrt7 · 4/sqrt7) = 1.
    // Far cell: m = 1, Σx = 0.
    //   z = (0 − 1) / (sqrt7 · sqrt((8 − 1)/7)) = −1/sqrt7.
    const c = latLngToCell(28.9, 118.9, 8);
    const ring = gridDisk(c, 1).filter((x) => x !== c);
    const far = gridDisk(c, 5).find((x) => gridDistance(c, x) === 5) as string;
    expect(ring).toHaveLength(6);
    const counts = new Map<string, number>([[c, 8], ...ring.map((r) => [r, 0] as [string, number]), [far, 0]]);
    const z = giStar(counts);
    expect(z.get(c)).toBeCloseTo(1 / Math.sqrt(7), 12);
    for (const r of ring) expect(z.get(r)).toBeCloseTo(1, 12);
    expect(z.get(far)).toBeCloseTo(-1 / Math.sqrt(7), 12);
  });

  it('is 0 everywhere when S = 0 or n < 2', () => {
    const c = latLngToCell(28.9, 118.9, 8);
    const cells = gridDisk(c, 2);
    expect([...giStar(new Map(cells.map((x) => [x, 0]))).values()].every((v) => v === 0)).toBe(true);
    // Equal non-integer counts leave S at rounding-noise level; still 0, not noise or NaN.
    expect([...giStar(new Map(cells.map((x) => [x, 0.1]))).values()].every((v) => v === 0)).toBe(true);
    expect(giStar(new Map([[c, 5]])).get(c)).toBe(0);
    expect(giStar(new Map()).size).toBe(0);
  });

  it('a neighbourhood covering the whole area gives 0, not NaN', () => {
    // Seven cells: the centre sees all of them (m = n), so n·m − m² = 0.
    const c = latLngToCell(28.9, 118.9, 8);
    const cells = gridDisk(c, 1);
    const z = giStar(new Map(cells.map((x, i) => [x, i])));
    expect(z.get(c)).toBe(0);
    for (const v of z.values()) expect(Number.isFinite(v)).toBe(true);
  });

  it('rejects non-finite counts', () => {
    expect(() => giStar(new Map([['8841954303fffff', Number.NaN]]))).toThrow(RangeError);
  });
});

describe('studyAreaCells', () => {
  it('tiles the study area, sorted and unique, and unions multipolygons', () => {
    const cells = studyAreaCells(square, 8);
    // The square is ≈ 0.31° × 97.6 km/° by 0.27° × 111 km/° ≈ 906 km²; the cells must cover about that.
    const km2 = cells.reduce((s, c) => s + cellArea(c, 'km2'), 0);
    expect(km2).toBeGreaterThan(906 * 0.95);
    expect(km2).toBeLessThan(906 * 1.05);
    expect([...cells].sort()).toEqual(cells);
    expect(new Set(cells).size).toBe(cells.length);
    const multi = studyAreaCells({ type: 'MultiPolygon', coordinates: [square.coordinates, square.coordinates] }, 8);
    expect(multi).toEqual(cells);
  });
});

describe('computeHotspots', () => {
  const centre = latLngToCell(28.9, 118.9, 8);
  const [cLat, cLon] = cellToLatLng(centre);
  const neighbours = gridDisk(centre, 1).filter((x) => x !== centre);

  function plantedCluster() {
    const points: { lon: number; lat: number; weight?: number }[] = [];
    for (let i = 0; i < 20; i++) points.push({ lon: cLon, lat: cLat });
    for (const nb of neighbours) {
      const [lat, lon] = cellToLatLng(nb);
      for (let i = 0; i < 10; i++) points.push({ lon, lat });
    }
    return points;
  }

  it('finds a planted cluster: centre hot99, a distant zero cell ns', () => {
    const result = computeHotspots({ res: 8, studyArea: square, points: plantedCluster() });
    expect(result.res).toBe(8);
    expect(result.n).toBe(result.cells.length);
    const byId = new Map(result.cells.map((c) => [c.h3, c]));
    const hot = byId.get(centre);
    expect(hot?.count).toBe(20);
    expect(hot?.bin).toBe('hot99');
    for (const nb of neighbours) expect(byId.get(nb)?.bin).toBe('hot99');
    const distant = latLngToCell(28.8, 119.0, 8);
    expect(byId.get(distant)).toMatchObject({ count: 0, bin: 'ns' });
    expect(result.cells.reduce((s, c) => s + c.count, 0)).toBe(80);
    expect(result.cells.map((c) => c.h3)).toEqual([...result.cells.map((c) => c.h3)].sort());
  });

  it('ignores points outside the study area and honours weights', () => {
    const result = computeHotspots({
      res: 8,
      studyArea: square,
      points: [
        { lon: 120.2, lat: 30.3 }, // Hangzhou, far outside
        { lon: Number.NaN, lat: 28.9 },
        { lon: cLon, lat: cLat, weight: 2.5 },
      ],
    });
    expect(result.cells.reduce((s, c) => s + c.count, 0)).toBe(2.5);
  });

  it('an all-zero area: every z is 0, bin ns, no NaN', () => {
    const result = computeHotspots({ res: 8, studyArea: square, points: [] });
    expect(result.cells.length).toBeGreaterThan(1000);
    for (const c of result.cells) {
      expect(c.z).toBe(0);
      expect(c.bin).toBe('ns');
      expect(Object.is(c.z, -0)).toBe(false);
    }
  });

  it('rounds z to 4 decimals', () => {
    const result = computeHotspots({ res: 8, studyArea: square, points: plantedCluster() });
    for (const c of result.cells) expect(Math.round(c.z * 1e4) / 1e4).toBe(c.z);
  });

  it('accepts resolutions 6–9 only', () => {
    expect(() => computeHotspots({ res: 5, studyArea: square, points: [] })).toThrow(RangeError);
    expect(() => computeHotspots({ res: 10, studyArea: square, points: [] })).toThrow(RangeError);
    expect(computeHotspots({ res: 6, studyArea: square, points: [] }).n).toBeGreaterThan(0);
  });

  it('rejects negative weights', () => {
    expect(() =>
      computeHotspots({ res: 8, studyArea: square, points: [{ lon: cLon, lat: cLat, weight: -1 }] }),
    ).toThrow(RangeError);
  });
});
