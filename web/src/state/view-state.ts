/**
 * The whole view — filters, layers, camera, selection, period, language — as plain data, and
 * its round trip to the URL query string. Pure (no window access) so it is unit-testable and
 * so a shared link, a reload and the back button all restore exactly the same view.
 */
import type { Colour } from '../map/decode-enterprise-layer';

export type Lang = 'zh' | 'en';
export const LAYER_IDS = [
  'enterprises',
  'flows',
  'hotspots',
  'parks',
  'sections',
  'rivers',
  'counties',
  'towns',
  'grids',
] as const;
export type LayerId = (typeof LAYER_IDS)[number];
export type LayerSetting = { on: boolean; opacity: number };
export type Layers = Record<LayerId, LayerSetting>;

export type Filters = {
  county: string | null;
  town: string | null;
  park: number | null;
  industry: string | null;
  /** Empty = every colour. */
  colours: Colour[];
  keyPollutant: boolean | null;
  insured: boolean | null;
  /** 监测数据异常: with (true) or without (false) open integrity flags; staff only. */
  anomaly: boolean | null;
};

export const SELECTION_TYPES = ['enterprise', 'park', 'section', 'basin'] as const;
export type SelectionType = (typeof SELECTION_TYPES)[number];
export type Selection = { type: SelectionType; id: number | null };

export type Camera = { lon: number; lat: number; zoom: number };

export type ViewState = {
  lang: Lang;
  /** null = fit the city. */
  camera: Camera | null;
  layers: Layers;
  gridLevel: 1 | 2 | 3;
  filters: Filters;
  /** null = the overview (KPI cards). */
  selected: Selection | null;
  /** 'YYYY', 'YYYYQn' or 'YYYY-MM'; null = the latest data. */
  period: string | null;
};

/** Short names keep shared links readable: layers=ent.100,park.70 */
const LAYER_KEYS: Record<LayerId, string> = {
  enterprises: 'ent',
  flows: 'flow',
  hotspots: 'hot',
  parks: 'park',
  sections: 'sec',
  rivers: 'river',
  counties: 'county',
  towns: 'town',
  grids: 'grid',
};

export const DEFAULT_LAYERS: Layers = {
  enterprises: { on: true, opacity: 1 },
  flows: { on: true, opacity: 1 },
  hotspots: { on: false, opacity: 0.75 },
  parks: { on: true, opacity: 0.8 },
  sections: { on: true, opacity: 1 },
  rivers: { on: true, opacity: 0.9 },
  counties: { on: true, opacity: 1 },
  towns: { on: false, opacity: 0.6 },
  grids: { on: false, opacity: 0.7 },
};

export const EMPTY_FILTERS: Filters = {
  county: null,
  town: null,
  park: null,
  industry: null,
  colours: [],
  keyPollutant: null,
  insured: null,
  anomaly: null,
};

export const defaultViewState = (lang: Lang = 'zh'): ViewState => ({
  lang,
  camera: null,
  layers: DEFAULT_LAYERS,
  gridLevel: 2,
  filters: EMPTY_FILTERS,
  selected: null,
  period: null,
});

const COLOUR_SET = new Set(['green', 'yellow', 'red']);
const regionCode = /^\d{6}(\d{3})?(\d{3})?$/;
const industryCode = /^[A-T]\d{0,4}$/;
const periodPattern = /^\d{4}(Q[1-4]|-(0[1-9]|1[0-2]))?$/;

const bool = (v: string | null) => (v === '1' ? true : v === '0' ? false : null);
const positiveInt = (v: string | null) => {
  if (v === null || !/^\d{1,10}$/.test(v)) return null;
  const n = Number(v);
  return n > 0 && n <= 2_147_483_647 ? n : null;
};
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Reads a query string; anything malformed falls back to its default rather than failing. */
export function parseViewState(search: string, fallbackLang: Lang = 'zh'): ViewState {
  const p = new URLSearchParams(search);
  const state = defaultViewState(p.get('lang') === 'en' ? 'en' : p.get('lang') === 'zh' ? 'zh' : fallbackLang);

  const map = p.get('map')?.split('/').map(Number);
  if (map && map.length === 3 && map.every(Number.isFinite)) {
    const [zoom, lat, lon] = map;
    if (Math.abs(lat) <= 85 && Math.abs(lon) <= 180) state.camera = { zoom: clamp(zoom, 0, 22), lat, lon };
  }

  const layersParam = p.get('layers');
  if (layersParam !== null) {
    const layers = Object.fromEntries(
      LAYER_IDS.map((id) => [id, { on: false, opacity: DEFAULT_LAYERS[id].opacity }]),
    ) as Layers;
    for (const part of layersParam.split(',')) {
      const [key, pct] = part.split('.');
      const id = LAYER_IDS.find((l) => LAYER_KEYS[l] === key);
      if (!id) continue;
      const opacity =
        pct !== undefined && /^\d{1,3}$/.test(pct) ? clamp(Number(pct), 0, 100) / 100 : DEFAULT_LAYERS[id].opacity;
      layers[id] = { on: true, opacity };
    }
    state.layers = layers;
  }
  const grid = p.get('grid');
  if (grid === '1' || grid === '2' || grid === '3') state.gridLevel = Number(grid) as 1 | 2 | 3;

  const county = p.get('county');
  const town = p.get('town');
  const industry = p.get('industry');
  state.filters = {
    county: county && regionCode.test(county) ? county : null,
    town: town && regionCode.test(town) ? town : null,
    park: positiveInt(p.get('park')),
    industry: industry && industryCode.test(industry) ? industry : null,
    colours: (p.get('colour')?.split(',') ?? []).filter(
      (c, i, all) => COLOUR_SET.has(c) && all.indexOf(c) === i,
    ) as Colour[],
    keyPollutant: bool(p.get('kp')),
    insured: bool(p.get('insured')),
    anomaly: bool(p.get('anomaly')),
  };

  const sel = p.get('sel');
  if (sel) {
    const [type, idText] = sel.split(':');
    if ((SELECTION_TYPES as readonly string[]).includes(type)) {
      const id = positiveInt(idText ?? null);
      // Every type but the basin overview names one object.
      if (type === 'basin' || id !== null)
        state.selected = { type: type as SelectionType, id: type === 'basin' ? null : id };
    }
  }
  const period = p.get('period');
  if (period && periodPattern.test(period)) state.period = period;
  return state;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** Writes only what differs from the defaults, in a fixed order so equal views give equal links. */
export function serializeViewState(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.lang !== 'zh') p.set('lang', s.lang);
  if (s.camera) p.set('map', `${round(s.camera.zoom, 2)}/${round(s.camera.lat, 5)}/${round(s.camera.lon, 5)}`);
  const layersDiffer = LAYER_IDS.some(
    (id) =>
      s.layers[id].on !== DEFAULT_LAYERS[id].on ||
      (s.layers[id].on && s.layers[id].opacity !== DEFAULT_LAYERS[id].opacity),
  );
  if (layersDiffer) {
    p.set(
      'layers',
      LAYER_IDS.filter((id) => s.layers[id].on)
        .map((id) => `${LAYER_KEYS[id]}.${Math.round(s.layers[id].opacity * 100)}`)
        .join(','),
    );
  }
  if (s.gridLevel !== 2) p.set('grid', String(s.gridLevel));
  const f = s.filters;
  if (f.county) p.set('county', f.county);
  if (f.town) p.set('town', f.town);
  if (f.park !== null) p.set('park', String(f.park));
  if (f.industry) p.set('industry', f.industry);
  if (f.colours.length) p.set('colour', f.colours.join(','));
  if (f.keyPollutant !== null) p.set('kp', f.keyPollutant ? '1' : '0');
  if (f.insured !== null) p.set('insured', f.insured ? '1' : '0');
  if (f.anomaly !== null) p.set('anomaly', f.anomaly ? '1' : '0');
  if (s.selected) p.set('sel', s.selected.id === null ? s.selected.type : `${s.selected.type}:${s.selected.id}`);
  if (s.period) p.set('period', s.period);
  // URLSearchParams encodes ',' and '/' — keep them literal so links stay legible.
  const text = p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':');
  return text ? `?${text}` : '';
}

export const hasActiveFilter = (f: Filters) =>
  f.county !== null ||
  f.town !== null ||
  f.park !== null ||
  f.industry !== null ||
  f.colours.length > 0 ||
  f.keyPollutant !== null ||
  f.insured !== null ||
  f.anomaly !== null;
