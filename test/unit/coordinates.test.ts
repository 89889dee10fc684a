import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInChina, toWgs84, wgs84To } from '../../server/domain/coordinates';

// GCJ-02 → BD-09, written out independently of gcoord (the widely published Baidu formula).
function gcjToBd(lon: number, lat: number): [number, number] {
  const xPi = (Math.PI * 3000) / 180;
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * xPi);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * xPi);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

function expectNear(actual: [number, number], expected: [number, number], tol: number) {
  expect(Math.abs(actual[0] - expected[0])).toBeLessThan(tol);
  expect(Math.abs(actual[1] - expected[1])).toBeLessThan(tol);
}

describe('GCJ-02', () => {
  it('WGS84 (116.397428, 39.90923) → GCJ-02 ≈ (116.403674, 39.910632)', () => {
    expectNear(wgs84To(116.397428, 39.90923, 'gcj02'), [116.403674, 39.910632], 1e-4);
  });

  it('agrees with the coordtransform reference values for (116.404, 39.915)', () => {
    // Published examples of the coordtransform library (same algorithm, independent code).
    expectNear(wgs84To(116.404, 39.915, 'gcj02'), [116.41024449916938, 39.91640428150164], 1e-6);
    expectNear(toWgs84(116.404, 39.915, 'gcj02'), [116.39775550083061, 39.91359571849836], 1e-5);
  });

  it('round-trips within 1e-5° around 衢州', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 118, max: 119.5, noNaN: true }),
        fc.double({ min: 28, max: 29.5, noNaN: true }),
        (lon, lat) => {
          const [gx, gy] = wgs84To(lon, lat, 'gcj02');
          expectNear(toWgs84(gx, gy, 'gcj02'), [lon, lat], 1e-5);
        },
      ),
    );
  });
});

describe('BD-09', () => {
  it('BD-09 (116.404, 39.915) is GCJ-02 (116.397627, 39.908657) (coordtransform reference)', () => {
    // bd09 → gcj02 goes through wgs84 here, so compare after converting back to GCJ-02.
    const wgs = toWgs84(116.404, 39.915, 'bd09');
    expectNear(wgs84To(wgs[0], wgs[1], 'gcj02'), [116.39762729119315, 39.90865673957631], 1e-5);
  });

  it('WGS84 → BD-09 equals GCJ-02 → BD-09 by the independent formula', () => {
    const [gx, gy] = wgs84To(118.87, 28.94, 'gcj02');
    expectNear(wgs84To(118.87, 28.94, 'bd09'), gcjToBd(gx, gy), 1e-7);
    // And the textbook pair GCJ-02 (116.404, 39.915) → BD-09 (116.410369, 39.921337).
    expectNear(gcjToBd(116.404, 39.915), [116.41036949371029, 39.92133699351022], 1e-9);
  });

  it('round-trips within 1e-5°', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 118, max: 119.5, noNaN: true }),
        fc.double({ min: 28, max: 29.5, noNaN: true }),
        (lon, lat) => {
          const [bx, by] = wgs84To(lon, lat, 'bd09');
          expectNear(toWgs84(bx, by, 'bd09'), [lon, lat], 1e-5);
        },
      ),
    );
  });
});

describe('wgs84 and validation', () => {
  it('wgs84 → wgs84 is the identity', () => {
    expect(toWgs84(118.87, 28.94, 'wgs84')).toEqual([118.87, 28.94]);
    expect(wgs84To(118.87, 28.94, 'wgs84')).toEqual([118.87, 28.94]);
  });

  it('rejects non-finite and out-of-range coordinates and unknown CRSs', () => {
    expect(() => toWgs84(Number.NaN, 28, 'gcj02')).toThrow(RangeError);
    expect(() => toWgs84(118, 91, 'gcj02')).toThrow(RangeError);
    expect(() => toWgs84(118, 28, 'utm' as never)).toThrow(RangeError);
  });

  it('isInChina is a rough bounding box', () => {
    expect(isInChina(118.87, 28.94)).toBe(true);
    expect(isInChina(2.35, 48.85)).toBe(false);
    expect(isInChina(73, 3.8)).toBe(true);
    expect(isInChina(135.2, 40)).toBe(false);
  });
});
