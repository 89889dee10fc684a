/**
 * The enterprise symbols: the code's colour plus a shape and size, so the three colours also
 * read for colour-blind viewers and in greyscale print — green ● small circle, yellow ◆
 * medium diamond with a dark edge, red ▲ large triangle with a white ring. One geometry
 * (SVG path in a 64×64 box) feeds both the deck.gl icon atlas (drawn on a canvas here, no
 * network) and the legend's inline SVG, so the legend always matches the map.
 */
import type { Colour } from './decode-enterprise-layer';
import { CODE_COLOURS } from './palette';

export type SymbolSpec = { path: string; fill: string; stroke: string; strokeWidth: number; size: number };

const CELL = 64;

export const SYMBOLS: Record<Colour, SymbolSpec> = {
  green: {
    path: 'M32 10 A22 22 0 1 1 31.99 10 Z',
    fill: CODE_COLOURS.green,
    stroke: '#052e16',
    strokeWidth: 4,
    size: 9,
  },
  yellow: {
    path: 'M32 6 L58 32 L32 58 L6 32 Z',
    fill: CODE_COLOURS.yellow,
    stroke: '#1f1300',
    strokeWidth: 5,
    size: 13,
  },
  red: {
    path: 'M32 5 L60 56 L4 56 Z',
    fill: CODE_COLOURS.red,
    stroke: '#ffffff',
    strokeWidth: 6,
    size: 17,
  },
};

export const SYMBOL_ORDER: Colour[] = ['green', 'yellow', 'red'];

export type IconMapping = Record<Colour, { x: number; y: number; width: number; height: number; mask: boolean }>;

/** A 192×64 atlas as a data URL (decoded locally; not a network request). */
export function buildSymbolAtlas(): { url: string; mapping: IconMapping } {
  const scale = 2; // draw at 2× so symbols stay crisp on 4K screens
  const canvas = document.createElement('canvas');
  canvas.width = CELL * SYMBOL_ORDER.length * scale;
  canvas.height = CELL * scale;
  const ctx = canvas.getContext('2d');
  const mapping = {} as IconMapping;
  SYMBOL_ORDER.forEach((colour, i) => {
    const s = SYMBOLS[colour];
    mapping[colour] = { x: i * CELL * scale, y: 0, width: CELL * scale, height: CELL * scale, mask: false };
    if (!ctx) return;
    ctx.save();
    ctx.translate(i * CELL * scale, 0);
    ctx.scale(scale, scale);
    const p = new Path2D(s.path);
    ctx.lineJoin = 'round';
    ctx.fillStyle = s.fill;
    ctx.fill(p);
    ctx.strokeStyle = s.stroke;
    ctx.lineWidth = s.strokeWidth;
    ctx.stroke(p);
    ctx.restore();
  });
  return { url: canvas.toDataURL('image/png'), mapping };
}
