/**
 * Keeps map labels from piling up: greedily accepts labels in priority order and drops any whose
 * box would overlap one already accepted, at the current zoom. Boxes are estimated in Web
 * Mercator pixels from the text length, so this runs before drawing, on the CPU, in microseconds
 * for hundreds of labels (a province has 300 sections along a few rivers).
 */

export type LabelBox = {
  position: [number, number];
  /** Characters in the label; CJK and Latin are both counted as one em, which errs on the safe side. */
  chars: number;
  /** Higher first. */
  priority: number;
};

const TILE = 512; // MapLibre's world size in pixels at zoom 0

/** Web Mercator pixel coordinates at a zoom level. */
function project([lon, lat]: [number, number], zoom: number): [number, number] {
  const scale = TILE * 2 ** zoom;
  const x = ((lon + 180) / 360) * scale;
  const s = Math.sin((lat * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
  return [x, y];
}

/**
 * The indexes of the labels to draw. `fontPx` is the label size in pixels, `padPx` the space kept
 * around each label (its background pill included). Labels are centred on their position.
 */
export function declutter(labels: LabelBox[], zoom: number, fontPx: number, padPx = 6): number[] {
  const order = labels.map((_, i) => i).sort((a, b) => labels[b].priority - labels[a].priority || a - b);
  const cell = fontPx * 8;
  const grid = new Map<string, [number, number, number, number][]>();
  const kept: number[] = [];
  for (const i of order) {
    const [x, y] = project(labels[i].position, zoom);
    const halfW = (labels[i].chars * fontPx) / 2 + padPx;
    const halfH = fontPx / 2 + padPx;
    const box: [number, number, number, number] = [x - halfW, y - halfH, x + halfW, y + halfH];
    const cx0 = Math.floor(box[0] / cell);
    const cx1 = Math.floor(box[2] / cell);
    const cy0 = Math.floor(box[1] / cell);
    const cy1 = Math.floor(box[3] / cell);
    let clash = false;
    for (let cx = cx0; cx <= cx1 && !clash; cx++) {
      for (let cy = cy0; cy <= cy1 && !clash; cy++) {
        for (const b of grid.get(`${cx},${cy}`) ?? []) {
          if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) {
            clash = true;
            break;
          }
        }
      }
    }
    if (clash) continue;
    kept.push(i);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        const key = `${cx},${cy}`;
        const list = grid.get(key);
        if (list) list.push(box);
        else grid.set(key, [box]);
      }
    }
  }
  return kept.sort((a, b) => a - b);
}

/** Width of a text in ems: a CJK character is one em, anything else about 0.6. */
export function textEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.6;
  return ems;
}

type Box = [number, number, number, number];
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * Pixel offsets that move labels off names that must stay put (county names), and off each
 * other, by sliding each one up or down as little as it takes: a flow's "P 1.094 · 660 万元"
 * was written over 柯城区. `fixed` and `labels` give their own font sizes; a label that finds
 * no free place within a few lines stays where it is.
 */
export function nudgeClear(
  labels: (LabelBox & { fontPx: number })[],
  fixed: (LabelBox & { fontPx: number })[],
  zoom: number,
  padPx = 4,
): [number, number][] {
  const boxOf = (l: LabelBox & { fontPx: number }, dy: number): Box => {
    const [x, y] = project(l.position, zoom);
    const halfW = (l.chars * l.fontPx) / 2 + padPx;
    const halfH = l.fontPx / 2 + padPx;
    return [x - halfW, y + dy - halfH, x + halfW, y + dy + halfH];
  };
  const taken = fixed.map((f) => boxOf(f, 0));
  return labels.map((l) => {
    const step = l.fontPx + 2 * padPx;
    for (const k of [0, -1, 1, -2, 2, -3, 3]) {
      const box = boxOf(l, k * step);
      if (taken.every((b) => !overlaps(box, b))) {
        taken.push(box);
        return [0, k * step];
      }
    }
    taken.push(boxOf(l, 0));
    return [0, 0];
  });
}
