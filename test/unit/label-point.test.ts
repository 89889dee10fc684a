import { describe, expect, it } from 'vitest';
import { labelPoint } from '../../web/src/map/label-point';

describe('labelPoint', () => {
  it('puts the label inside a wrap-around (C-shaped) polygon, away from its centroid', () => {
    // A "C" with a thick spine: the bounding-box centre (0.5, 0.5) is on its inner edge.
    const c = [
      [
        [0, 0],
        [1, 0],
        [1, 0.2],
        [0.5, 0.2],
        [0.5, 0.8],
        [1, 0.8],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ];
    const [x, y] = labelPoint({ type: 'Polygon', coordinates: c }) as [number, number];
    expect(x).toBeCloseTo(0.25, 1); // mid-spine, the widest part
    expect(y).toBeGreaterThan(0.2);
    expect(y).toBeLessThan(0.8);
  });

  it('picks the larger part of a multipolygon and handles missing geometry', () => {
    const small = [
      [
        [10, 10],
        [10.1, 10],
        [10.1, 10.1],
        [10, 10.1],
        [10, 10],
      ],
    ];
    const big = [
      [
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
        [0, 0],
      ],
    ];
    const [x, y] = labelPoint({ type: 'MultiPolygon', coordinates: [small, big] }) as [number, number];
    expect(x).toBeCloseTo(1, 0);
    expect(y).toBeCloseTo(1, 0);
    expect(labelPoint(null)).toBeNull();
    expect(labelPoint({ type: 'Point', coordinates: [1, 2] })).toBeNull();
  });
});
