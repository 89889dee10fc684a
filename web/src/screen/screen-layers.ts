/**
 * deck.gl layers of the screen's map. Every layer exists in every frame (hidden ones with
 * `visible: false`), so a scene change only moves opacities: no layer state, GPU buffer or font
 * atlas is rebuilt, which keeps a 24/7 screen's memory flat. `w[scene]` is each scene's weight
 * (0…1) during a cross-fade.
 */
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer, IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { HotspotCell } from '../api/get-hotspots';
import type { ParkFeature } from '../api/get-parks';
import type { RegionFeature } from '../api/get-regions';
import type { SectionFeature } from '../api/get-sections';
import { densityLayers, FONT_FAMILY } from '../map/deck-layers';
import { colourOf } from '../map/decode-enterprise-layer';
import type { DensityCells } from '../map/enterprise-density';
import type { IconMapping } from '../map/enterprise-symbols';
import { SYMBOLS } from '../map/enterprise-symbols';
import { BASEMAP, hexToRgba, NO_DATA_COLOUR, normaliseClass, type RGBA, WATER_CLASS_COLOURS } from '../map/palette';
import { HOTSPOT_COLOURS, SETTLEMENT_COLOURS } from './hotspot-palette';
import type { DrawColumns } from './screen-data';
import type { SceneId } from './screen-params';
import { sp } from './screen-text';

export type SceneWeights = Record<SceneId, number>;

export type ScreenLayerInputs = {
  all: DrawColumns | null;
  concern: DrawColumns | null;
  /** Province scale: cluster discs or the symbols in view instead of every enterprise (see enterprise-density). */
  allCells?: DensityCells | null;
  concernCells?: DensityCells | null;
  atlas: { url: string; mapping: IconMapping };
  hotCells: HotspotCell[];
  counties: RegionFeature[];
  /** Parks in scope, drawn as bubbles sized by their number of enterprises. */
  parks: ParkFeature[];
  handoverSections: SectionFeature[];
  /** Net settlement per county code (yuan). */
  net: Map<string, number>;
  focusCounty: string | null;
};

const textCommon = {
  characterSet: 'auto' as const,
  fontFamily: FONT_FAMILY,
  fontSettings: { sdf: true, fontSize: 64, buffer: 8, radius: 16 },
  outlineColor: [5, 10, 20, 240] as RGBA,
  sizeUnits: 'pixels' as const,
  billboard: true,
  parameters: { depthCompare: 'always' as const, depthWriteEnabled: false },
};

const SYMBOL_SIZE = { green: SYMBOLS.green.size, yellow: SYMBOLS.yellow.size, red: SYMBOLS.red.size };
const HEX_RGBA = Object.fromEntries(
  Object.entries(HOTSPOT_COLOURS).map(([bin, hex]) => [bin, hexToRgba(hex, 235)]),
) as Record<string, RGBA>;

const LABEL_ANCHOR: Record<string, 'start' | 'end'> = { '330802': 'end', '330803': 'start' };
const LABEL_SHIFT: Record<string, number> = { '330802': -6, '330803': 10 };

const fade = (w: number) => ({ opacity: w, visible: w > 0.01 });

function enterpriseLayers(
  id: string,
  cols: DrawColumns | null,
  cells: DensityCells | null | undefined,
  atlas: ScreenLayerInputs['atlas'],
  w: number,
  scale: number,
): Layer[] {
  if (cols && cells) {
    return densityLayers(cells, cols.flags, atlas, { id, opacity: w, visible: w > 0.01, symbolScale: scale });
  }
  return [
    new IconLayer({
      id,
      data: {
        length: cols?.n ?? 0,
        attributes: { getPosition: { value: cols?.positions ?? new Float32Array(0), size: 2 } },
      },
      iconAtlas: atlas.url,
      iconMapping: atlas.mapping,
      getIcon: (_: unknown, { index }: { index: number }) => colourOf(cols?.flags[index] ?? 0),
      getSize: (_: unknown, { index }: { index: number }) => SYMBOL_SIZE[colourOf(cols?.flags[index] ?? 0)],
      sizeUnits: 'pixels',
      sizeScale: scale,
      updateTriggers: { getIcon: cols, getSize: cols },
      ...fade(w),
    } as ConstructorParameters<typeof IconLayer>[0]),
  ];
}

export function buildScreenLayers(d: ScreenLayerInputs, w: SceneWeights, scale: number): Layer[] {
  const maxNet = Math.max(1, ...[...d.net.values()].map(Math.abs));
  const maxPark = Math.max(1, ...d.parks.map((f) => f.properties.enterpriseCount));
  const netColour = (code: string): RGBA => {
    const v = d.net.get(code) ?? 0;
    const hex = v > 0 ? SETTLEMENT_COLOURS.receives : v < 0 ? SETTLEMENT_COLOURS.pays : SETTLEMENT_COLOURS.even;
    return hexToRgba(hex, Math.round(70 + 120 * (Math.abs(v) / maxNet)));
  };
  const sectionFill = (f: SectionFeature) => {
    const c = normaliseClass(f.properties.latest?.class);
    return hexToRgba(c ? WATER_CLASS_COLOURS[c] : NO_DATA_COLOUR);
  };

  return [
    new GeoJsonLayer<RegionFeature['properties']>({
      id: 'settlement-fill',
      data: d.counties as never,
      filled: true,
      stroked: true,
      getFillColor: (f) => netColour(f.properties.code),
      getLineColor: [226, 236, 250, 200],
      getLineWidth: 2 * scale,
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: d.net },
      ...fade(w.basin),
    }),
    // With one county in focus, everything around it recedes.
    new GeoJsonLayer<RegionFeature['properties']>({
      id: 'county-mask',
      data: (d.focusCounty ? d.counties.filter((f) => f.properties.code !== d.focusCounty) : []) as never,
      filled: true,
      stroked: false,
      getFillColor: [5, 11, 22, 200],
      updateTriggers: { getFillColor: d.focusCounty },
    }),
    new H3HexagonLayer<HotspotCell>({
      id: 'hotspot-cells',
      data: d.hotCells,
      getHexagon: (c) => c.h3,
      getFillColor: (c) => HEX_RGBA[c.bin] ?? [0, 0, 0, 0],
      extruded: false,
      stroked: false,
      coverage: 0.94,
      ...fade(w.hotspots),
    }),
    new ScatterplotLayer<ParkFeature>({
      id: 'park-bubbles',
      data: d.parks,
      getPosition: (f) => f.properties.center,
      // Area by enterprises relative to the largest park: 36 px at most, at city or province scale.
      getRadius: (f) => Math.max(8, 36 * Math.sqrt(f.properties.enterpriseCount / maxPark)) * scale,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: hexToRgba(BASEMAP.parkFill, 70),
      getLineColor: hexToRgba(BASEMAP.parkLine, 230),
      getLineWidth: 2 * scale,
      lineWidthUnits: 'pixels',
      updateTriggers: { getRadius: [scale, maxPark] },
      ...fade(w.codes),
    }),
    ...enterpriseLayers('enterprises-all', d.all, d.allCells, d.atlas, w.overview, scale),
    ...enterpriseLayers('enterprises-concern', d.concern, d.concernCells, d.atlas, w.codes, scale * 1.15),
    new ScatterplotLayer<SectionFeature>({
      id: 'handover-sections',
      data: d.handoverSections,
      getPosition: (f) => f.geometry.coordinates as [number, number],
      getRadius: 9 * scale,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: sectionFill,
      getLineColor: [255, 255, 255, 230],
      getLineWidth: 2.5 * scale,
      lineWidthUnits: 'pixels',
      ...fade(w.basin),
    }),
    new TextLayer<RegionFeature>({
      id: 'county-labels',
      data: d.counties.filter((f) => f.properties.center),
      getPosition: (f) => f.properties.center as [number, number],
      getText: (f) => sp(f.properties.name),
      getSize: (f) => (f.properties.code === d.focusCounty ? 30 : 24) * scale,
      // 柯城区 sits right beside 衢江区's label point: push the two names apart.
      getTextAnchor: (f) => LABEL_ANCHOR[f.properties.code] ?? 'middle',
      getPixelOffset: (f) => [(LABEL_SHIFT[f.properties.code] ?? 0) * scale, 0],
      getColor: [236, 242, 252, 240],
      fontWeight: 700,
      ...textCommon,
      outlineWidth: 6,
      updateTriggers: { getSize: [d.focusCounty, scale], getPixelOffset: scale },
      ...fade(Math.max(w.overview, w.hotspots, w.codes * 0.6)),
    }),
  ];
}
