/** Study areas and point sets for POST /api/hotspots/compute (bounds test, attack script). */

export const square = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

/** Deterministic points spread over the square, with a dense cluster in one corner. */
export function points(count: number, w: number, s: number, e: number, n: number) {
  let x = 12345;
  const rnd = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  return Array.from({ length: count }, (_, i) =>
    i % 5 === 0
      ? { lon: w + 0.05 * rnd(), lat: s + 0.05 * rnd() }
      : { lon: w + (e - w) * rnd(), lat: s + (n - s) * rnd() },
  );
}
