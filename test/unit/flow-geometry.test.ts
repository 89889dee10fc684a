import { describe, expect, it } from 'vitest';
import { flowGeometry, flowWidth } from '../../web/src/map/flow-geometry';

const KAIHUA: [number, number] = [118.41, 29.14];
const CHANGSHAN: [number, number] = [118.51, 28.9];

const dist = (p: [number, number], q: [number, number]) => Math.hypot(p[0] - q[0], p[1] - q[1]);

describe('compensation flow geometry', () => {
  it('runs from near the payer to near the payee, with the arrowhead at the payee', () => {
    const g = flowGeometry(KAIHUA, CHANGSHAN);
    const first = g.path[0];
    const last = g.path[g.path.length - 1];
    expect(dist(first, KAIHUA)).toBeLessThan(dist(first, CHANGSHAN));
    expect(dist(last, CHANGSHAN)).toBeLessThan(dist(last, KAIHUA));
    // The arrowhead sits at the end of the path and points on along it: 开化 → 常山 runs
    // south-south-east (about −70°); bowed to the left of travel, it arrives turned clockwise.
    expect(g.tip).toEqual(last);
    const k = Math.cos((29.02 * Math.PI) / 180);
    const chord = (Math.atan2(CHANGSHAN[1] - KAIHUA[1], (CHANGSHAN[0] - KAIHUA[0]) * k) * 180) / Math.PI;
    expect(g.angle).toBeLessThan(chord);
    expect(g.angle).toBeGreaterThan(chord - 45);
    // Never touches the label points themselves.
    expect(dist(first, KAIHUA)).toBeGreaterThan(0.01);
    expect(dist(last, CHANGSHAN)).toBeGreaterThan(0.01);
  });

  it('bows opposite flows apart, so A→B and B→A do not overlap', () => {
    const ab = flowGeometry(KAIHUA, CHANGSHAN).mid;
    const ba = flowGeometry(CHANGSHAN, KAIHUA).mid;
    const chordMid: [number, number] = [(KAIHUA[0] + CHANGSHAN[0]) / 2, (KAIHUA[1] + CHANGSHAN[1]) / 2];
    expect(dist(ab, ba)).toBeGreaterThan(0.02);
    expect(dist(ab, chordMid)).toBeCloseTo(dist(ba, chordMid), 6);
  });

  it('points east, north, west and south as the flow runs', () => {
    const o: [number, number] = [118.8, 28.9];
    const angleTo = (dlon: number, dlat: number) => flowGeometry(o, [o[0] + dlon, o[1] + dlat]).angle;
    // The bow turns the heading at the tip clockwise of the straight line by the same amount each way.
    const bow = angleTo(0.2, 0);
    expect(bow).toBeLessThan(0);
    expect(angleTo(0, 0.2)).toBeCloseTo(90 + bow, 6);
    expect(angleTo(0, -0.2)).toBeCloseTo(-90 + bow, 6);
  });

  it('widths grow with the amount and stay readable at the edges', () => {
    expect(flowWidth(10_000_000, 10_000_000)).toBe(10);
    expect(flowWidth(5_000_000, 10_000_000)).toBe(6.5);
    expect(flowWidth(0, 10_000_000)).toBe(2);
    expect(flowWidth(5, 0)).toBe(2);
  });
});
