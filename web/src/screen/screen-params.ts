/**
 * The screen is configured by its URL only (a display PC has no keyboard):
 *   ?interval=30   seconds per scene (fractions allowed, for tests), default 30
 *   ?scene=basin   pin one scene (overview | codes | hotspots | basin)
 *   ?county=330824 focus one county: every scene filters to it and the map zooms to it
 *   ?period=2025Q3 show a past period as the map does (2025, 2025Q3, 2025-07): codes and KPIs as of
 *                  its end, its compensation year, hotspots of the 90 days up to its end
 */
export const SCENES = ['overview', 'codes', 'hotspots', 'basin'] as const;
export type SceneId = (typeof SCENES)[number];

export type ScreenParams = {
  intervalMs: number;
  pinned: SceneId | null;
  county: string | null;
  period: string | null;
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
  const period = q.get('period');
  return {
    intervalMs: Math.round(seconds * 1000),
    pinned: (SCENES as readonly string[]).includes(scene ?? '') ? (scene as SceneId) : null,
    county: county && /^\d{6}$/.test(county) ? county : null,
    period: period && /^\d{4}(Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(period) ? period : null,
  };
}

/** Cross-fade length: under a second, and never more than 40 % of a scene's time. */
export const fadeMsFor = (intervalMs: number) => Math.round(Math.min(900, intervalMs * 0.4));
