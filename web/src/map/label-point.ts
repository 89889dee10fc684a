/**
 * Where to put a region's name: the inside point farthest from its boundary (an approximate
 * pole of inaccessibility, by grid search). Centroids fail for wrap-around shapes — 衢江区's
 * centroid sits next to 柯城区, so the two names collided.
 */
type Ring = number[][];
type Geometry = { type: string; coordinates: unknown };

function polygonsOf(g: Geometry): Ring[][] {
  if (g.type === 'Polygon') return [g.coordinates as Ring[]];
  if (g.type === 'MultiPolygon') return g.coordinates as Ring[][];
  return [];
}

function inside(x: number, y: number, rings: Ring[]): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

function distanceToEdges(x: number, y: number, rings: Ring[], kx: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const ax = ring[j][0] * kx;
      const ay = ring[j][1];
      const dx = ring[i][0] * kx - ax;
      const dy = ring[i][1] - ay;
      const len = dx * dx + dy * dy;
      const t = len ? Math.max(0, Math.min(1, ((x * kx - ax) * dx + (y - ay) * dy) / len)) : 0;
      const ex = x * kx - (ax + t * dx);
      const ey = y - (ay + t * dy);
      best = Math.min(best, ex * ex + ey * ey);
    }
  }
  return Math.sqrt(best);
}

export function labelPoint(g: Geometry | null | undefined, steps = 28): [number, number] | null {
  if (!g) return null;
  let best: { d: number; p: [number, number] } | null = null;
  for (const rings of polygonsOf(g)) {
    const outer = rings[0];
    if (!outer?.length) continue;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of outer) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    // Longitude degrees shrink with latitude: scale x so distances are roughly isotropic.
    const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const x = minX + ((maxX - minX) * (i + 0.5)) / (steps + 1);
        const y = minY + ((maxY - minY) * (j + 0.5)) / (steps + 1);
        if (!inside(x, y, rings)) continue;
        const d = distanceToEdges(x, y, rings, kx);
        if (!best || d > best.d) best = { d, p: [x, y] };
      }
    }
  }
  return best?.p ?? null;
}
