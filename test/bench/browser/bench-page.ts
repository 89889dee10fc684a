// Runs inside headless Chromium (bundled by esbuild from test/bench/browser.ts). Uses the real web
// decoder and deck.gl with DataFilterExtension, and the naive alternatives for comparison.
import { Deck, type Layer } from '@deck.gl/core';
import { DataFilterExtension } from '@deck.gl/extensions';
import { ScatterplotLayer } from '@deck.gl/layers';
import { decodeEnterpriseLayer, type EnterpriseLayer } from '../../../web/src/map/decode-enterprise-layer';

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

/** The same render-ready arrays the ENT1 decoder produces, built from a parsed GeoJSON. */
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
    if (i === undefined) m.set(k, (i = m.size));
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
    if (a.n !== n) throw new Error(`GeoJSON has ${a.n} features, ENT1 ${n}`);
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
const gpuFilter = new DataFilterExtension({ filterSize: 2 });
type Filter = { colours: number[]; county: number | null };
const FILTERS: Filter[] = [
  { colours: [2], county: null },
  { colours: [1, 2], county: null },
  { colours: [0, 1, 2], county: 0 },
  { colours: [2], county: 3 },
  { colours: [0, 1, 2], county: null },
];

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

function colourArray(layer: EnterpriseLayer): Uint8Array {
  const c = new Uint8Array(layer.n * 4);
  for (let i = 0; i < layer.n; i++) c.set(COLOURS[layer.flags[i] & 3], 4 * i);
  return c;
}

// Stable identity, as in web/src/map/deck-layers.ts: a filter change is then a uniform update.
let gpuData: object | null = null;
function gpuLayer(layer: EnterpriseLayer, values: Float32Array, colours: Uint8Array, f: Filter) {
  const lo = Math.min(...f.colours);
  const hi = Math.max(...f.colours);
  gpuData ??= {
    length: layer.n,
    attributes: {
      getPosition: { value: layer.positions, size: 2 },
      getFillColor: { value: colours, size: 4, normalized: true },
      getFilterValue: { value: values, size: 2 },
    },
  };
  return new ScatterplotLayer({
    id: 'enterprises-gpu',
    data: gpuData,
    radiusUnits: 'pixels',
    getRadius: 2,
    extensions: [gpuFilter],
    filterRange: [[lo, hi], f.county === null ? [0, 255] : [f.county, f.county]],
  } as ConstructorParameters<typeof ScatterplotLayer>[0]);
}

/** The CPU alternative: re-filter the arrays in JS and upload a fresh subset each time. */
function cpuLayer(layer: EnterpriseLayer, colours: Uint8Array, f: Filter, key: number) {
  const want = new Set(f.colours);
  const pos = new Float32Array(layer.n * 2);
  const col = new Uint8Array(layer.n * 4);
  let m = 0;
  for (let i = 0; i < layer.n; i++) {
    if (!want.has(layer.flags[i] & 3)) continue;
    if (f.county !== null && layer.county[i] !== f.county) continue;
    pos[2 * m] = layer.positions[2 * i];
    pos[2 * m + 1] = layer.positions[2 * i + 1];
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

function geojsonLayer(features: Feature[]) {
  const byColour: Record<string, [number, number, number, number]> = {
    green: COLOURS[0],
    yellow: COLOURS[1],
    red: COLOURS[2],
  };
  return new ScatterplotLayer<Feature>({
    id: 'enterprises-geojson',
    data: features,
    getPosition: (f) => f.geometry.coordinates,
    getFillColor: (f) => byColour[f.properties.colour],
    radiusUnits: 'pixels',
    getRadius: 2,
  });
}

async function benchMap(rounds: number) {
  const bin = await (await fetch('/layer.bin')).arrayBuffer();
  const layer = decodeEnterpriseLayer(bin);
  const [minLon, minLat, maxLon, maxLat] = layer.bounds;
  deck = new Deck({
    parent: document.getElementById('map') as HTMLDivElement,
    width: '100%',
    height: '100%',
    initialViewState: { longitude: (minLon + maxLon) / 2, latitude: (minLat + maxLat) / 2, zoom: 8.3 },
    controller: false,
    onAfterRender: () => {
      const w = frameWaiters;
      frameWaiters = [];
      for (const r of w) r();
    },
  });
  await render([]); // context, shaders of nothing: not part of any measurement

  // First frame with the binary columns (decode included), GPU-filterable.
  let t0 = performance.now();
  const decoded = decodeEnterpriseLayer(bin);
  const colours = colourArray(decoded);
  const values = new Float32Array(decoded.n * 2);
  for (let i = 0; i < decoded.n; i++) {
    values[2 * i] = decoded.flags[i] & 3;
    values[2 * i + 1] = decoded.county[i];
  }
  await render([gpuLayer(decoded, values, colours, FILTERS[4])]);
  const firstFrameOurs = performance.now() - t0;

  const gpu: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const f of FILTERS) gpu.push(await render([gpuLayer(decoded, values, colours, f)]));

  const cpu: number[] = [];
  let key = 0;
  for (let r = 0; r < rounds; r++)
    for (const f of FILTERS) {
      const t = performance.now();
      const l = cpuLayer(decoded, colours, f, ++key);
      await render([l]);
      cpu.push(performance.now() - t);
    }

  // First frame the naive way: parse GeoJSON, accessors over feature objects.
  await render([]);
  const text = await (await fetch('/layer.geojson')).text();
  t0 = performance.now();
  const fc = JSON.parse(text) as { features: Feature[] };
  await render([geojsonLayer(fc.features)]);
  const firstFrameBase = performance.now() - t0;
  await render([gpuLayer(decoded, values, colours, FILTERS[0])]);
  return {
    n: layer.n,
    firstFrameOurs,
    firstFrameBase,
    gpu,
    cpu,
    gpuMs: median(gpu),
    cpuMs: median(cpu),
    _unused: layer.n,
  };
}

Object.assign(window, { benchDecode, benchMap });
(window as unknown as { benchReady: boolean }).benchReady = true;
