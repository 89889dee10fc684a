import type { Flow } from './compensation-flows';
import type { Colour } from './decode-enterprise-layer';

/** What the pointer is over, with where to put the tooltip (CSS pixels in the map). */
export type Hover =
  | { kind: 'enterprise'; id: number; colour: Colour; x: number; y: number }
  | { kind: 'cluster'; green: number; yellow: number; red: number; lon: number; lat: number; x: number; y: number }
  | { kind: 'section'; id: number; x: number; y: number }
  | { kind: 'park'; id: number; x: number; y: number }
  | { kind: 'flow'; flow: Flow; x: number; y: number }
  | { kind: 'hotspot'; bin: string; count: number; z: number; x: number; y: number };
