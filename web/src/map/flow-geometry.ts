/**
 * Geometry of a compensation flow between two counties: a gentle curve from payer to payee
 * (curved so that a pair of opposite flows, or a flow along a shared border, stays readable),
 * where its arrowhead sits and which way it points, and a label point at the middle. Pure, in
 * lon/lat, with longitude scaled by cos(latitude) so the curve bends the same way on screen at
 * any zoom (the map never rotates or tilts).
 */

export type LonLat = [number, number];

export type FlowGeometry = {
  path: LonLat[];
  /** The payee end of the curve, where the arrowhead's tip goes. */
  tip: LonLat;
  /** Direction of travel at the tip, degrees counter-clockwise from east (deck.gl's getAngle). */
  angle: number;
  /** Middle of the curve, where the label goes. */
  mid: LonLat;
};

const STEPS = 32;
/** How far the curve bows out, as a share of the chord. */
const BOW = 0.18;
/** The curve stops short of both label points so it never hides a county name. */
const TRIM = 0.14;

export function flowGeometry(from: LonLat, to: LonLat): FlowGeometry {
  const k = Math.cos((((from[1] + to[1]) / 2) * Math.PI) / 180) || 1;
  // Work in a locally isotropic plane: x = lon·k, y = lat.
  const a = { x: from[0] * k, y: from[1] };
  const b = { x: to[0] * k, y: to[1] };
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1e-9;
  // Bow to the left of the direction of travel: A→B and B→A curve apart.
  const c = { x: (a.x + b.x) / 2 - (dy / len) * len * BOW, y: (a.y + b.y) / 2 + (dx / len) * len * BOW };
  const at = (t: number) => ({
    x: (1 - t) ** 2 * a.x + 2 * (1 - t) * t * c.x + t ** 2 * b.x,
    y: (1 - t) ** 2 * a.y + 2 * (1 - t) * t * c.y + t ** 2 * b.y,
  });
  const toLonLat = (p: { x: number; y: number }): LonLat => [p.x / k, p.y];

  const path: LonLat[] = [];
  for (let i = 0; i <= STEPS; i++) path.push(toLonLat(at(TRIM + ((1 - 2 * TRIM) * i) / STEPS)));

  // Direction of the curve at the tip (the derivative of the quadratic Bézier).
  const t = 1 - TRIM;
  const tx = 2 * (1 - t) * (c.x - a.x) + 2 * t * (b.x - c.x);
  const ty = 2 * (1 - t) * (c.y - a.y) + 2 * t * (b.y - c.y);
  const angle = (Math.atan2(ty, tx) * 180) / Math.PI;
  return { path, tip: path[path.length - 1], angle, mid: toLonLat(at(0.5)) };
}

/** Line width in pixels for an amount of money: wider pays more, within a readable range. */
export function flowWidth(amount: number, maxAmount: number): number {
  if (!(amount > 0) || !(maxAmount > 0)) return 2;
  return 3 + 7 * Math.min(1, amount / maxAmount);
}
