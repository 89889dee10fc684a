/**
 * The screen is configured by its URL only (a display PC has no keyboard):
 *   ?interval=30   seconds per scene (fractions allowed, for tests), default 30
 *   ?scene=basin   pin one scene (overview | codes | hotspots | basin)
 *   ?county=330824 focus one county: every scene filters to it and the map zooms to it
 */
export const SCENES = ['overview', 'codes', 'hotspots', 'basin'] as const;
export type SceneId = (typeof SCENES)[number];

export type ScreenParams = {
  intervalMs: number;
  pinned: SceneId | null;
  county: string | null;
};

const DEFAULT_INTERVAL_S = 30;
const MIN_INTERVAL_S = 0.2;
const MAX_INTERVAL_S = 24 * 3600;

export function parseScreenParams(search: string): ScreenParams {
  const q = new URLSearchParams(search);
  const raw = Number.parseFloat(q.get('interval') ?? '');
  const seconds = Number.isFinite(raw) ? Math.min(MAX_INTERVAL_S, Math.max(MIN_INTERVAL_S, raw)) : DEFAULT_INTERVAL_S;
  const scene = q.get('scene');
  const county = q.get('county');
  return {
    intervalMs: Math.round(seconds * 1000),
    pinned: (SCENES as readonly string[]).includes(scene ?? '') ? (scene as SceneId) : null,
    county: county && /^\d{6}$/.test(county) ? county : null,
  };
}

/** Cross-fade length: under a second, and never more than 40 % of a scene's time. */
export const fadeMsFor = (intervalMs: number) => Math.round(Math.min(900, intervalMs * 0.4));
