import { lineString } from '@turf/helpers';
import simplify from '@turf/simplify';

export type Position = [number, number];
export type Ring = Position[];

const keyOf = (p: Position) => `${p[0]},${p[1]}`;

export function dropRepeatedVertices(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/**
 * Simplifies rings that share borders so that neighbours stay glued together: simplifying each
 * polygon on its own would open slivers along county borders. Rings are cut into arcs at
 * junctions (the topojson rule: a vertex whose neighbours differ between the rings that use it),
 * every shared arc is simplified once, and the rings are stitched back from the arcs.
 * Input rings are closed (first = last) and share exact vertex coordinates along borders.
 */
export function simplifySharedRings(rings: Ring[], tolerance: number): Ring[] {
  const neighbours = new Map<string, Set<string>>();
  const uses = new Map<string, number>();
  for (const ring of rings) {
    const open = ring.slice(0, -1);
    open.forEach((p, i) => {
      const prev = keyOf(open[(i - 1 + open.length) % open.length]);
      const next = keyOf(open[(i + 1) % open.length]);
      const k = keyOf(p);
      const pair = prev < next ? `${prev}|${next}` : `${next}|${prev}`;
      const set = neighbours.get(k) ?? new Set<string>();
      set.add(pair);
      neighbours.set(k, set);
      uses.set(k, (uses.get(k) ?? 0) + 1);
    });
  }
  const isJunction = (p: Position) => {
    const k = keyOf(p);
    return (uses.get(k) ?? 0) > 1 && (neighbours.get(k)?.size ?? 0) > 1;
  };

  const cache = new Map<string, Ring>();
  const simplifyArc = (arc: Ring): Ring => {
    if (arc.length <= 2) return arc;
    // Simplify in one canonical direction so both neighbours get the very same vertices.
    const forward = keyOf(arc[0]) + keyOf(arc[1]) + keyOf(arc[arc.length - 1]);
    const backward = keyOf(arc[arc.length - 1]) + keyOf(arc[arc.length - 2]) + keyOf(arc[0]);
    const reversed = backward < forward;
    const canonical = reversed ? [...arc].reverse() : arc;
    const cacheKey = `${arc.length}:${reversed ? backward : forward}`;
    let done = cache.get(cacheKey);
    if (!done) {
      done = simplify(lineString(canonical), { tolerance, highQuality: true }).geometry.coordinates as Ring;
      cache.set(cacheKey, done);
    }
    return reversed ? [...done].reverse() : done;
  };

  return rings.map((ring) => {
    const open = ring.slice(0, -1);
    const start = open.findIndex(isJunction);
    if (start < 0) {
      return simplify(lineString(ring), { tolerance, highQuality: true }).geometry.coordinates as Ring;
    }
    const rotated = [...open.slice(start), ...open.slice(0, start), open[start]];
    const out: Ring = [rotated[0]];
    let arc: Ring = [rotated[0]];
    for (let i = 1; i < rotated.length; i++) {
      arc.push(rotated[i]);
      if (i === rotated.length - 1 || isJunction(rotated[i])) {
        out.push(...simplifyArc(arc).slice(1));
        arc = [rotated[i]];
      }
    }
    return out;
  });
}

/**
 * Outer boundary of polygons that tile without overlap: edges walked in both directions are
 * internal borders and cancel out; what is left chains into the union's rings.
 */
export function unionByEdgeCancellation(rings: Ring[]): Ring[] {
  const edges = new Map<string, [Position, Position]>();
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i];
      const b = ring[i + 1];
      if (a[0] === b[0] && a[1] === b[1]) continue;
      const reverseKey = `${keyOf(b)}>${keyOf(a)}`;
      if (edges.has(reverseKey)) edges.delete(reverseKey);
      else edges.set(`${keyOf(a)}>${keyOf(b)}`, [a, b]);
    }
  }
  const byStart = new Map<string, [Position, Position][]>();
  for (const e of edges.values()) {
    const k = keyOf(e[0]);
    const list = byStart.get(k) ?? [];
    list.push(e);
    byStart.set(k, list);
  }
  const out: Ring[] = [];
  for (;;) {
    const first = byStart.values().next().value as [Position, Position][] | undefined;
    if (!first) break;
    const edge = first[0];
    const ring: Ring = [edge[0]];
    let current = edge;
    for (;;) {
      const k = keyOf(current[0]);
      const list = byStart.get(k) ?? [];
      list.splice(list.indexOf(current), 1);
      if (list.length === 0) byStart.delete(k);
      ring.push(current[1]);
      const nextList = byStart.get(keyOf(current[1]));
      if (!nextList) break;
      current = nextList.length === 1 ? nextList[0] : sharpestRightTurn(current, nextList);
    }
    out.push(ring);
  }
  return out.filter((r) => r.length >= 4 && keyOf(r[0]) === keyOf(r[r.length - 1]));
}

/** At a vertex where the boundary touches itself, keeping right traces one simple outer ring. */
function sharpestRightTurn(incoming: [Position, Position], candidates: [Position, Position][]) {
  const heading = Math.atan2(incoming[1][1] - incoming[0][1], incoming[1][0] - incoming[0][0]);
  let best = candidates[0];
  let bestTurn = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const h = Math.atan2(c[1][1] - c[0][1], c[1][0] - c[0][0]);
    let turn = h - heading;
    while (turn <= -Math.PI) turn += 2 * Math.PI;
    while (turn > Math.PI) turn -= 2 * Math.PI;
    if (turn < bestTurn) {
      bestTurn = turn;
      best = c;
    }
  }
  return best;
}

/** Signed area in square degrees; positive for counter-clockwise rings. */
export function ringArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}
