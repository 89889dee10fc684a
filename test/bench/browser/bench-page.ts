// Runs inside headless Chromium (bundled by esbuild from test/bench/browser.ts). Uses the real web
// decoder, filter columns and density aggregation with deck.gl, and the naive alternatives.
import { Deck, type Layer, WebMercatorViewport } from '@deck.gl/core';
import { DataFilterExtension } from '@deck.gl/extensions';
import { ScatterplotLayer } from '@deck.gl/layers';
import { densityLayers } from '../../../web/src/map/deck-layers';
import { decodeEnterpriseLayer } from '../../../web/src/map/decode-enterprise-layer';
import {
  aggregateDensity,
  cellDegrees,
  type DensityCells,
  type Extent,
  POINT_LIMIT,
  paddedExtent,
} from '../../../web/src/map/enterprise-density';
import {
  buildFilterColumns,
  categoriesOf,
  type FilterColumns,
  type GpuFilter,
  gpuFilter,
  matchesFilter,
} from '../../../web/src/map/enterprise-filter';
import { buildSymbolAtlas } from '../../../web/src/map/enterprise-symbols';
import { EMPTY_FILTERS, type Filters } from '../../../web/src/state/view-state';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

type Feature = {
  id: number;
  geometry: { coordinates: [number, number] };
  properties: {
    colour: string;
    county: string;
    town: string | null;
    park: number | null;
    industry: string;
    keyPollutant: boolean;
    insured: boolean;
  };
};

/** The same render-ready arrays the ENT2 decoder produces, built from a parsed GeoJSON. */
function arraysFromGeojson(text: string) {
  const fc = JSON.parse(text) as { features: Feature[] };
  const n = fc.features.length;
  const positions = new Float32Array(2 * n);
  const ids = new Uint32Array(n);
  const flags = new Uint8Array(n);
  const county = new Uint8Array(n);
  const industry = new Uint16Array(n);
  const park = new Uint16Array(n);
  const town = new Uint16Array(n);
  const dict = {
    counties: new Map<string, number>(),
    industries: new Map<string, number>(),
    parks: new Map<number, number>(),
    towns: new Map<string, number>(),
  };
  const idx = <K>(m: Map<K, number>, k: K) => {
    let i = m.get(k);
    if (i === undefined) {
      i = m.size;
      m.set(k, i);
    }
    return i;
  };
  const colourCode: Record<string, number> = { green: 0, yellow: 1, red: 2 };
  for (let i = 0; i < n; i++) {
    const f = fc.features[i];
    positions[2 * i] = f.geometry.coordinates[0];
    positions[2 * i + 1] = f.geometry.coordinates[1];
    ids[i] = f.id;
    const p = f.properties;
    flags[i] = colourCode[p.colour] | (p.keyPollutant ? 4 : 0) | (p.insured ? 8 : 0);
    county[i] = idx(dict.counties, p.county);
    industry[i] = idx(dict.industries, p.industry);
    park[i] = p.park === null ? 0 : idx(dict.parks, p.park) + 1;
    town[i] = p.town === null ? 0 : idx(dict.towns, p.town) + 1;
  }
  return { n, positions, ids, flags, county, industry, park, town };
}

async function benchDecode(runsOurs: number, runsBase: number) {
  const bin = await (await fetch('/layer.bin')).arrayBuffer();
  const text = await (await fetch('/layer.geojson')).text();
  const ours: number[] = [];
  const base: number[] = [];
  let n = 0;
  for (let i = 0; i < runsOurs; i++) {
    const t0 = performance.now();
    const layer = decodeEnterpriseLayer(bin);
    ours.push(performance.now() - t0);
    n = layer.n;
  }
  for (let i = 0; i < runsBase; i++) {
    const t0 = performance.now();
    const a = arraysFromGeojson(text);
    base.push(performance.now() - t0);
    if (a.n !== n) throw new Error(`GeoJSON has ${a.n} features, ENT2 ${n}`);
  }
  return {
    n,
    ours,
    base,
    oursMs: median(ours),
    baseMs: median(base),
    binBytes: bin.byteLength,
    textChars: text.length,
  };
}

// ---- map interaction ----------------------------------------------------------------------------

const COLOURS: [number, number, number, number][] = [
  [34, 197, 94, 200],
  [234, 179, 8, 220],
  [239, 68, 68, 255],
];
const gpuFilterExtension = new DataFilterExtension({ filterSize: 4, categorySize: 4 });

const VIEW = { zoom: 8.3 };
const FIRST_FRAME_RUNS = 5;
let deck: Deck | null = null;
let frameWaiters: (() => void)[] = [];
function nextFrame(): Promise<void> {
  return new Promise((resolve) => frameWaiters.push(resolve));
}
function flushGpu() {
  const canvas = document.querySelector('canvas') as HTMLCanvasElement;
  const gl = canvas.getContext('webgl2') as WebGL2RenderingContext;
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
}
async function render(layers: Layer[]): Promise<number> {
  const t0 = performance.now();
  const frame = nextFrame();
  deck?.setProps({ layers });
  await frame;
  flushGpu();
  return performance.now() - t0;
}

function colourArray(columns: FilterColumns): Uint8Array {
  const c = new Uint8Array(columns.n * 4);
  for (let i = 0; i < columns.n; i++) c.set(COLOURS[columns.flags[i] & 3], 4 * i);
  return c;
}

/** What the app draws above DENSITY_THRESHOLD: the real aggregation and the real deck.gl layers. */
const atlas = buildSymbolAtlas();
let lastCells: DensityCells | null = null;
function densityLayer(columns: FilterColumns, filter: GpuFilter, extent: Extent) {
  const matches = matchesFilter(filter);
  const cells = aggregateDensity(columns, VIEW.zoom, paddedExtent(extent), (i) => matches(columns, i));
  lastCells = cells;
  return densityLayers(cells, columns.flags, atlas, { id: 'enterprise', opacity: 1, symbolScale: 1 });
}

// Stable identity, as in web/src/map/deck-layers.ts: a filter change is then a uniform update.
let gpuData: object | null = null;
function gpuLayer(columns: FilterColumns, colours: Uint8Array, filter: GpuFilter) {
  gpuData ??= {
    length: columns.n,
    attributes: {
      getPosition: { value: columns.positions, size: 2 },
      getFillColor: { value: colours, size: 4, normalized: true },
      getFilterValue: { value: columns.values, size: 4 },
    },
  };
  return new ScatterplotLayer({
    id: 'enterprises-gpu',
    data: gpuData,
    radiusUnits: 'pixels',
    getRadius: 2,
    extensions: [gpuFilterExtension],
    getFilterCategory: (_: unknown, { index }: { index: number }) => categoriesOf(columns.flags[index]),
    updateTriggers: { getFilterCategory: columns },
    filterRange: filter.filterRange,
    filterCategories: filter.filterCategories,
  } as ConstructorParameters<typeof ScatterplotLayer>[0]);
}

/** The CPU alternative: re-filter the arrays in JS and upload every matching point each time. */
function cpuLayer(columns: FilterColumns, colours: Uint8Array, filter: GpuFilter, key: number) {
  const matches = matchesFilter(filter);
  const pos = new Float32Array(columns.n * 2);
  const col = new Uint8Array(columns.n * 4);
  let m = 0;
  for (let i = 0; i < columns.n; i++) {
    if (!matches(columns, i)) continue;
    pos[2 * m] = columns.positions[2 * i];
    pos[2 * m + 1] = columns.positions[2 * i + 1];
    col.set(colours.subarray(4 * i, 4 * i + 4), 4 * m);
    m++;
  }
  return new ScatterplotLayer({
    id: 'enterprises-cpu',
    data: {
      length: m,
      attributes: {
        getPosition: { value: pos.subarray(0, 2 * m), size: 2 },
        getFillColor: { value: col.subarray(0, 4 * m), size: 4, normalized: true },
      },
    },
    radiusUnits: 'pixels',
    getRadius: 2,
    updateTriggers: { getPosition: key, getFillColor: key },
  } as ConstructorParameters<typeof ScatterplotLayer>[0]);
}

/**
 * The same discs the app draws, aggregated the way one would without columns: feature objects,
 * a Map keyed by "cx|cy" strings, the filter read from each feature's properties. Same cell
 * size, extent, point limit and percentile as web/src/map/enterprise-density.ts.
 */
function naiveDensity(features: Feature[], zoom: number, extent: Extent, f: Filters): DensityCells {
  const level = Math.floor(zoom);
  const [dLon, dLat] = cellDegrees(level, Math.round((extent.south + extent.north) / 2));
  const keep = (p: Feature['properties']) =>
    (f.colours.length === 0 || f.colours.includes(p.colour as never)) && (!f.county || p.county === f.county);
  const cells = new Map<string, { cx: number; cy: number; counts: number[]; sLon: number; sLat: number }>();
  const inside: Feature[] = [];
  for (const feature of features) {
    const [lon, lat] = feature.geometry.coordinates;
    if (lon < extent.west || lon > extent.east || lat < extent.south || lat > extent.north) continue;
    if (!keep(feature.properties)) continue;
    inside.push(feature);
    const cx = Math.floor(lon / dLon);
    const cy = Math.floor(lat / dLat);
    const key = `${cx}|${cy}`;
    let c = cells.get(key);
    if (!c) {
      c = { cx, cy, counts: [0, 0, 0], sLon: 0, sLat: 0 };
      cells.set(key, c);
    }
    c.counts[{ green: 0, yellow: 1, red: 2 }[feature.properties.colour] ?? 0]++;
    c.sLon += lon - cx * dLon;
    c.sLat += lat - cy * dLat;
  }
  const list =
    inside.length <= POINT_LIMIT
      ? inside.map((x) => ({
          lon: x.geometry.coordinates[0],
          lat: x.geometry.coordinates[1],
          counts: [0, 1, 2].map((k) => (k === ({ green: 0, yellow: 1, red: 2 }[x.properties.colour] ?? 0) ? 1 : 0)),
        }))
      : [...cells.values()]
          .sort((a, b) => a.cy - b.cy || a.cx - b.cx)
          .map((c) => {
            const total = c.counts[0] + c.counts[1] + c.counts[2];
            return { lon: c.cx * dLon + c.sLon / total, lat: c.cy * dLat + c.sLat / total, counts: c.counts };
          });
  const totals = list.map((c) => c.counts[0] + c.counts[1] + c.counts[2]).sort((a, b) => a - b);
  return {
    mode: inside.length <= POINT_LIMIT ? 'points' : 'clusters',
    length: list.length,
    positions: Float32Array.from(list.flatMap((c) => [c.lon, c.lat])),
    counts: Uint32Array.from(list.flatMap((c) => c.counts)),
    // Points mode colours each symbol from the flags passed to densityLayers: index k's own.
    singles: inside.length <= POINT_LIMIT ? Int32Array.from(list, (_, k) => k) : new Int32Array(list.length).fill(-1),
    fullTotal: inside.length <= POINT_LIMIT ? 1 : Math.max(1, totals[Math.floor(0.9 * (totals.length - 1))] ?? 1),
    level,
    extent,
  };
}

function naiveDensityLayers(features: Feature[], extent: Extent, f: Filters) {
  const cells = naiveDensity(features, VIEW.zoom, extent, f);
  const flags = Uint8Array.from({ length: cells.length }, (_, k) =>
    cells.counts[3 * k + 2] ? 2 : cells.counts[3 * k + 1] ? 1 : 0,
  );
  return { cells, layers: densityLayers(cells, flags, atlas, { id: 'enterprise', opacity: 1, symbolScale: 1 }) };
}

/** What both sides drew: the number of symbols and of enterprises by colour. */
const summary = (c: DensityCells) => {
  const byColour = [0, 0, 0];
  for (let k = 0; k < c.length; k++) for (let j = 0; j < 3; j++) byColour[j] += c.counts[3 * k + j];
  return { mode: c.mode, symbols: c.length, byColour };
};

/**
 * First frame and filter-change latency of the three ways to draw a million enterprises: the
 * app's density cells (CPU aggregation of the filtered columns), every point with the filter on
 * the GPU (DataFilterExtension), and every matching point re-filtered in JS and re-uploaded.
 */
async function benchMap(rounds: number) {
  const bin = await (await fetch('/layer.bin')).arrayBuffer();
  const probe = decodeEnterpriseLayer(bin);
  const [minLon, minLat, maxLon, maxLat] = probe.bounds;
  const map = document.getElementById('map') as HTMLDivElement;
  const camera = { longitude: (minLon + maxLon) / 2, latitude: (minLat + maxLat) / 2, zoom: VIEW.zoom };
  const [west, south, east, north] = new WebMercatorViewport({
    width: map.clientWidth,
    height: map.clientHeight,
    ...camera,
  }).getBounds();
  const extent = { west, south, east, north };
  deck = new Deck({
    parent: map,
    width: '100%',
    height: '100%',
    initialViewState: camera,
    controller: false,
    onAfterRender: () => {
      const w = frameWaiters;
      frameWaiters = [];
      for (const r of w) r();
    },
  });
  await render([]); // context, shaders of nothing: not part of any measurement
  // Shaders of each path compiled once before timing, so no path pays for them in the numbers.
  const warm = decodeEnterpriseLayer(bin);
  const warmColumns = buildFilterColumns(warm);
  const all = gpuFilter(warm, warmColumns, EMPTY_FILTERS);
  const none = gpuFilter(warm, warmColumns, { ...EMPTY_FILTERS, county: 'none' });
  await render([...densityLayer(warmColumns, none, extent)]);
  await render([gpuLayer(warmColumns, colourArray(warmColumns), none)]);
  gpuData = null;
  await render([]);

  // First frame from the response bytes: decode, draw-order columns, then each path's drawing.
  const firstOurs: number[] = [];
  let layer = probe;
  let columns = warmColumns;
  let t0 = 0;
  for (let r = 0; r < FIRST_FRAME_RUNS; r++) {
    t0 = performance.now();
    layer = decodeEnterpriseLayer(bin);
    columns = buildFilterColumns(layer);
    await render([...densityLayer(columns, all, extent)]);
    firstOurs.push(performance.now() - t0);
    await render([]);
  }
  const firstFrameOurs = median(firstOurs);
  t0 = performance.now();
  layer = decodeEnterpriseLayer(bin);
  columns = buildFilterColumns(layer);
  const colours = colourArray(columns);
  await render([gpuLayer(columns, colours, all)]);
  const firstFrameGpu = performance.now() - t0;

  const filters: Filters[] = [
    { ...EMPTY_FILTERS, colours: ['red'] },
    { ...EMPTY_FILTERS, colours: ['yellow', 'red'] },
    { ...EMPTY_FILTERS, county: layer.dict.counties[0] },
    { ...EMPTY_FILTERS, colours: ['red'], county: layer.dict.counties[3] ?? layer.dict.counties[0] },
    EMPTY_FILTERS,
  ];
  const gpuFilters = filters.map((f) => gpuFilter(layer, columns, f));
  const timed = async (make: (f: GpuFilter, k: number) => Layer | Layer[], changes = gpuFilters.length) => {
    const out: number[] = [];
    let k = 0;
    for (let r = 0; r < rounds; r++)
      for (const f of gpuFilters.slice(0, changes)) {
        const t = performance.now();
        await render([make(f, ++k)].flat());
        out.push(performance.now() - t);
      }
    return out;
  };
  // Three changes only: each costs a software-rendered frame of every point (~15 s here).
  const gpu = await timed((f) => gpuLayer(columns, colours, f), 3);
  await render([]);
  const density = await timed((f) => densityLayer(columns, f, extent));
  await render([]);
  const cpu = await timed((f, k) => cpuLayer(columns, colours, f, k));

  // The naive way to the same discs: parse GeoJSON, aggregate feature objects, draw the discs.
  await render([]);
  const text = await (await fetch('/layer.geojson')).text();
  const firstBase: number[] = [];
  let fc = { features: [] as Feature[] };
  let naive: ReturnType<typeof naiveDensityLayers>;
  for (let r = 0; r < FIRST_FRAME_RUNS; r++) {
    await render([]);
    t0 = performance.now();
    fc = JSON.parse(text) as { features: Feature[] };
    naive = naiveDensityLayers(fc.features, paddedExtent(extent), EMPTY_FILTERS);
    await render(naive.layers);
    firstBase.push(performance.now() - t0);
  }
  const firstFrameBase = median(firstBase);
  // Both sides drew the same symbols for every filter (what the user sees), or no ratio.
  const oursDrawn: unknown[] = [];
  const naiveDrawn: unknown[] = [];
  for (const [k, f] of [EMPTY_FILTERS, ...filters].entries()) {
    densityLayer(columns, k === 0 ? all : gpuFilters[k - 1], extent);
    oursDrawn.push(summary(lastCells as DensityCells));
    naiveDrawn.push(summary(naiveDensity(fc.features, VIEW.zoom, paddedExtent(extent), f)));
  }
  const naiveFilter: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const f of filters) {
      const t = performance.now();
      naive = naiveDensityLayers(fc.features, paddedExtent(extent), f);
      await render(naive.layers);
      naiveFilter.push(performance.now() - t);
    }
  await render([...densityLayer(columns, gpuFilters[0], extent)]);
  return {
    n: layer.n,
    cells: aggregateDensity(columns, VIEW.zoom, paddedExtent(extent)).length,
    firstFrameOurs,
    firstFrameGpu,
    firstFrameBase,
    firstOurs,
    firstBase,
    oursDrawn,
    naiveDrawn,
    density,
    gpu,
    cpu,
    naiveFilter,
    densityMs: median(density),
    gpuMs: median(gpu),
    cpuMs: median(cpu),
    naiveFilterMs: median(naiveFilter),
  };
}

Object.assign(window, { benchDecode, benchMap });
(window as unknown as { benchReady: boolean }).benchReady = true;
