import type { Colour } from '../map/decode-enterprise-layer';
import { SYMBOLS } from '../map/enterprise-symbols';

/** The map's enterprise symbol as inline SVG (same geometry as the deck.gl icon atlas). */
export function SymbolIcon({ colour }: { colour: Colour }) {
  const s = SYMBOLS[colour];
  return (
    <svg className="s-symbol" viewBox="0 0 64 64" aria-hidden="true">
      <path d={s.path} fill={s.fill} stroke={s.stroke} strokeWidth={s.strokeWidth} strokeLinejoin="round" />
    </svg>
  );
}
