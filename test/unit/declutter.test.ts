import { describe, expect, it } from 'vitest';
import { declutter, type LabelBox } from '../../web/src/map/declutter';

const at = (lon: number, lat: number, priority = 0, chars = 6): LabelBox => ({ position: [lon, lat], chars, priority });

describe('label declutter', () => {
  it('keeps labels that do not touch, drops the lower-priority one of two that do', () => {
    const labels = [at(118.8, 28.9, 0), at(118.8005, 28.9, 5), at(119.2, 29.2, 0)];
    // At city zoom the first two are a few pixels apart: only the higher priority survives.
    expect(declutter(labels, 10, 14)).toEqual([1, 2]);
    // Zoomed far in they separate (0.0005° ≈ 190 px at zoom 18 > one 6-character label).
    expect(declutter(labels, 18, 14)).toEqual([0, 1, 2]);
  });

  it('with equal priority the earlier label wins, and the result is stable', () => {
    const labels = [at(118.8, 28.9), at(118.8001, 28.9001)];
    expect(declutter(labels, 11, 14)).toEqual([0]);
    expect(declutter(labels, 11, 14)).toEqual([0]);
  });

  it('thins a dense row of 300 labels to ones that do not overlap', () => {
    const row = Array.from({ length: 300 }, (_, i) => at(118.5 + i * 0.002, 28.9));
    const kept = declutter(row, 10, 14);
    expect(kept.length).toBeGreaterThan(5);
    expect(kept.length).toBeLessThan(60);
    // Neighbours in the kept set are at least one label width apart on screen.
    const pxPerDeg = (512 * 2 ** 10) / 360;
    for (let k = 1; k < kept.length; k++) {
      const dx = (row[kept[k]].position[0] - row[kept[k - 1]].position[0]) * pxPerDeg;
      expect(dx).toBeGreaterThanOrEqual(6 * 14 + 12);
    }
  });

  it('empty in, empty out', () => {
    expect(declutter([], 9, 14)).toEqual([]);
  });
});
