import type { Colour } from '../map/decode-enterprise-layer';
import { SYMBOLS } from '../map/enterprise-symbols';

/** The map's enterprise symbol as inline SVG, from the same path data as the icon atlas. */
export function CodeSymbol({ colour, size = 16, title }: { colour: Colour; size?: number; title?: string }) {
  const s = SYMBOLS[colour];
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 64 64"
      className="code-symbol"
      role={title ? 'img' : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
    >
      <path d={s.path} fill={s.fill} stroke={s.stroke} strokeWidth={s.strokeWidth} strokeLinejoin="round" />
    </svg>
  );
}
