/**
 * Colours shared by the map and its legends, so a legend swatch can never drift from what is
 * drawn. All chosen for a dark basemap and checked for WCAG AA against the panel background.
 */
import type { HotspotBin } from '../api/get-hotspots';
import type { Colour } from './decode-enterprise-layer';

export type RGBA = [number, number, number, number];

export const hexToRgba = (hex: string, alpha = 255): RGBA => {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255, alpha];
};

export const CODE_COLOURS: Record<Colour, string> = {
  green: '#22c55e',
  yellow: '#facc15',
  red: '#ef4444',
};

/**
 * GB 3838 classes in the sequence Chinese water bulletins use: blues for I–II, green III,
 * yellow IV, orange V, red worse than V.
 */
export const WATER_CLASSES = ['I', 'II', 'III', 'IV', 'V', 'worseV'] as const;
export type WaterClass = (typeof WATER_CLASSES)[number];
export const WATER_CLASS_COLOURS: Record<WaterClass, string> = {
  I: '#3b82f6',
  II: '#38bdf8',
  III: '#22c55e',
  IV: '#facc15',
  V: '#f97316',
  worseV: '#ef4444',
};
export const NO_DATA_COLOUR = '#64748b';
export const WATER_CLASS_LABELS: Record<WaterClass, string> = {
  I: 'Ⅰ',
  II: 'Ⅱ',
  III: 'Ⅲ',
  IV: 'Ⅳ',
  V: 'Ⅴ',
  worseV: '劣Ⅴ',
};

/** The server spells classes as I…V and 劣V (or worseV); anything else is "no data". */
export function normaliseClass(c: string | null | undefined): WaterClass | null {
  if (!c) return null;
  if (c === '劣V' || c === '劣Ⅴ' || c.toLowerCase() === 'worsev' || c === 'VI') return 'worseV';
  return (WATER_CLASSES as readonly string[]).includes(c) ? (c as WaterClass) : null;
}

export const BASEMAP = {
  background: '#070d17',
  countyTones: ['#13233a', '#16283f', '#112035', '#182a3e', '#142539', '#102033'],
  countyLine: '#8aa6c8',
  townLine: '#4b6182',
  river: '#4aa8ff',
  riverGlow: '#1d4ed8',
  parkFill: '#a78bfa',
  parkLine: '#c4b5fd',
  grid: '#5eead4',
  selection: '#22d3ee',
};

/**
 * Diverging hot/cold palette for Gi* bins (the usual hotspot-analysis scheme: reds for hot,
 * blues for cold, stronger with confidence). Not significant cells are not drawn at all.
 */
/**
 * H3 resolution of the main map's hotspots: level 7 cells (about 5 km²) hold enough cases for a
 * city's year to show a pattern; level 8 (0.7 km²) leaves most cells empty and the map speckled.
 */
export const MAP_HOTSPOT_RES = 7;
export const HOTSPOT_BINS = ['hot99', 'hot95', 'hot90', 'cold90', 'cold95', 'cold99'] as const;
export const HOTSPOT_COLOURS: Record<Exclude<HotspotBin, 'ns'>, string> = {
  hot99: '#e0312b',
  hot95: '#f2784b',
  hot90: '#f9bf8f',
  cold90: '#a9c6e8',
  cold95: '#6d9bd6',
  cold99: '#3b6fc2',
};

/** Compensation flows: money moving from payer to payee. */
export const FLOW_COLOUR = '#fbbf24';

/** 监测数据异常: the ring around enterprises with open integrity flags, and flagged spans on charts. */
export const ANOMALY_COLOUR = '#d8b4fe';
