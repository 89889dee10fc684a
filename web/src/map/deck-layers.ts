/**
 * Builds the deck.gl layers drawn over the basemap: enterprise symbols (binary attributes,
 * filtered on the GPU), water-quality sections, the selection ring and every text label.
 * Labels are TextLayers because the offline basemap has no glyph server: deck.gl rasterises
 * the characters it needs from the system's CJK font (characterSet 'auto'), no network.
 */
import type { Layer } from '@deck.gl/core';
import { DataFilterExtension, PathStyleExtension } from '@deck.gl/extensions';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { IconLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { HotspotCell } from '../api/get-hotspots';
import type { ParkFeature } from '../api/get-parks';
import type { SectionFeature } from '../api/get-sections';
import type { Layers } from '../state/view-state';
import type { Flow } from './compensation-flows';
import { declutter, nudgeClear, textEms } from './declutter';
import { type Colour, colourOf } from './decode-enterprise-layer';
import { type DensityCells, discRadius } from './enterprise-density';
import { anomalyPositions, categoriesOf, type FilterColumns, type GpuFilter } from './enterprise-filter';
import type { IconMapping } from './enterprise-symbols';
import { SYMBOLS } from './enterprise-symbols';
import { flowArrowAtlas } from './flow-arrow';
import {
  ANOMALY_COLOUR,
  BASEMAP,
  CODE_COLOURS,
  FLOW_COLOUR,
  HOTSPOT_COLOURS,
  hexToRgba,
  NO_DATA_COLOUR,
  normaliseClass,
  type RGBA,
  WATER_CLASS_COLOURS,
  type WaterClass,
} from './palette';

export const FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

// One instance for the page's life: a new extension object would rebuild the layer's shaders.
const enterpriseFilter = new DataFilterExtension({ filterSize: 4, categorySize: 4 });
// 'path' runs the dash along the whole curve; the default restarts it at each of its many vertices.
const dashed = new PathStyleExtension({ dashMode: 'path' });

// The layer's data object must keep its identity while the columns do: deck.gl compares data by
// reference, and a new object re-runs every accessor over all enterprises (a million calls of
// getIcon/getSize/getFilterCategory) on each filter change or zoom instead of updating a uniform.
const enterpriseDataCache = new WeakMap<FilterColumns, object>();
function enterpriseData(columns: FilterColumns): object {
  let data = enterpriseDataCache.get(columns);
  if (!data) {
    data = {
      length: columns.n,
      attributes: {
        getPosition: { value: columns.positions, size: 2 },
        getFilterValue: { value: columns.values, size: 4 },
      },
    };
    enterpriseDataCache.set(columns, data);
  }
  return data;
}

// Same identity for the same rings, as for enterpriseData.
type BinaryData = { length: number; attributes: Record<string, { value: Float32Array; size: number }> };
const ringDataCache = new WeakMap<Float32Array, BinaryData>();
function ringData(rings: Float32Array): BinaryData {
  let data = ringDataCache.get(rings);
  if (!data) {
    data = { length: rings.length / 2, attributes: { getPosition: { value: rings, size: 2 } } };
    ringDataCache.set(rings, data);
  }
  return data;
}

const SYMBOL_SIZE = { green: SYMBOLS.green.size, yellow: SYMBOLS.yellow.size, red: SYMBOLS.red.size };

export type CountyLabel = { name: string; position: [number, number] };

export type DeckInputs = {
  layers: Layers;
  zoom: number;
  /** 1 on a laptop, larger on big screens so symbols and labels stay legible from a distance. */
  uiScale: number;
  enterprises: {
    columns: FilterColumns;
    filter: GpuFilter;
    atlas: { url: string; mapping: IconMapping };
    /** Province scale: draw these cells instead of every enterprise (see enterprise-density). */
    density: DensityCells | null;
    /** A filter narrows them: the few that match draw above the flows, not under the arrows. */
    raised: boolean;
  } | null;
  /** County names at their label points. */
  countyLabels: CountyLabel[];
  parks: ParkFeature[];
  sections: SectionFeature[];
  selectedEnterprise: [number, number] | null;
  selectedSectionId: number | null;
  /** Significant Gi* cells only (ns cells are not drawn). */
  hotspots: HotspotCell[];
  flows: Flow[];
  /** The label on each flow, already translated. */
  flowLabel: (f: Flow) => string;
  /** Park and section names and water classes in the current language. */
  place: (name: string) => string;
  waterClass: (c: WaterClass) => string;
};

const HOTSPOT_RGBA = Object.fromEntries(
  Object.entries(HOTSPOT_COLOURS).map(([bin, hex]) => [bin, hexToRgba(hex, 220)]),
) as Record<keyof typeof HOTSPOT_COLOURS, RGBA>;

/** County names give way to towns and parks above this zoom. */
const COUNTY_LABELS_BELOW = 12.5;

const textCommon = {
  characterSet: 'auto' as const,
  fontFamily: FONT_FAMILY,
  fontSettings: { sdf: true, fontSize: 64, buffer: 8, radius: 16 },
  outlineColor: [5, 10, 20, 235] as [number, number, number, number],
  outlineWidth: 5,
  sizeUnits: 'pixels' as const,
  billboard: true,
  // Labels always win over symbols: MapboxOverlay turns depth testing on for every layer.
  parameters: { depthCompare: 'always' as const, depthWriteEnabled: false },
};

/** A dark pill behind labels that sit on busy areas (parks, sections). */
const labelBox = {
  background: true,
  getBackgroundColor: [8, 14, 26, 225] as [number, number, number, number],
  backgroundPadding: [6, 3] as [number, number],
  backgroundBorderRadius: 4,
  getBorderWidth: 1,
};

/** The enterprise symbol layer's props, whichever data draws them. */
function symbolProps(
  colourAt: (index: number) => Colour,
  atlas: { url: string; mapping: IconMapping },
  opacity: number,
  symbolScale: number,
) {
  return {
    iconAtlas: atlas.url,
    iconMapping: atlas.mapping,
    getIcon: (_: unknown, { index }: { index: number }) => colourAt(index),
    getSize: (_: unknown, { index }: { index: number }) => SYMBOL_SIZE[colourAt(index)],
    sizeUnits: 'pixels' as const,
    sizeScale: symbolScale,
    opacity,
    pickable: true,
    autoHighlight: true,
    highlightColor: [34, 211, 238, 200] as RGBA,
  };
}

const CLUSTER_FILL: Record<'green' | 'yellow' | 'red', RGBA> = {
  green: hexToRgba(CODE_COLOURS.green, 150),
  yellow: hexToRgba(CODE_COLOURS.yellow, 235),
  red: hexToRgba(CODE_COLOURS.red, 255),
};

// Same identity for the same cells (see enterpriseData): the wall screen rebuilds its layers on
// every frame of a cross-fade, and a new data object would re-run every accessor each time.
const densityDataCache = new WeakMap<DensityCells, object>();
function densityData(density: DensityCells): object {
  let data = densityDataCache.get(density);
  if (!data) {
    data = { length: density.length, attributes: { getPosition: { value: density.positions, size: 2 } } };
    densityDataCache.set(density, data);
  }
  return data;
}

export type DensityLayerOptions = {
  /** Layer ids are `${id}-cells` (single symbols) and `${id}-clusters` (the pickable outer discs). */
  id: string;
  opacity: number;
  symbolScale: number;
  /** False hides the layers without dropping their GPU buffers (the wall screen's cross-fades). */
  visible?: boolean;
};

/**
 * Province scale (see enterprise-density): single enterprises as the usual symbols, or clusters
 * as nested discs — all enterprises, then yellow and red together, then red — each disc's area
 * proportional to its count on one scale, so the red core's share of the disc is the red share.
 * `flags` are the columns the cells' `singles` index into.
 */
export function densityLayers(
  density: DensityCells,
  flags: Uint8Array,
  atlas: { url: string; mapping: IconMapping },
  o: DensityLayerOptions,
): Layer[] {
  const { counts, fullTotal } = density;
  const data = densityData(density);
  const visible = o.visible ?? true;
  if (density.mode === 'points') {
    const colourAt = (index: number) => colourOf(flags[density.singles[index]]);
    return [
      new IconLayer({
        id: `${o.id}-cells`,
        data,
        ...symbolProps(colourAt, atlas, o.opacity, o.symbolScale),
        visible,
      } as ConstructorParameters<typeof IconLayer>[0]),
    ];
  }
  const total = (k: number) => counts[3 * k] + counts[3 * k + 1] + counts[3 * k + 2];
  const disc = (id: string, fill: RGBA, count: (k: number) => number, extra: object = {}) =>
    new ScatterplotLayer({
      id,
      data,
      getRadius: (_: unknown, { index }: { index: number }) =>
        discRadius(count(index), total(index), fullTotal) * o.symbolScale,
      radiusUnits: 'pixels',
      getFillColor: fill,
      opacity: o.opacity,
      visible,
      updateTriggers: { getRadius: [density, o.symbolScale] },
      ...extra,
    } as ConstructorParameters<typeof ScatterplotLayer>[0]);
  return [
    disc(`${o.id}-clusters`, CLUSTER_FILL.green, total, {
      stroked: true,
      getLineColor: [5, 10, 20, 220],
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
      pickable: true,
      autoHighlight: true,
      highlightColor: [34, 211, 238, 120],
    }),
    disc(`${o.id}-clusters-yellow`, CLUSTER_FILL.yellow, (k) => counts[3 * k + 1] + counts[3 * k + 2]),
    disc(`${o.id}-clusters-red`, CLUSTER_FILL.red, (k) => counts[3 * k + 2]),
  ];
}

/** The enterprise symbols (or their density cells at province scale), filtered on the GPU. */
function buildEnterpriseLayers(d: DeckInputs, symbolScale: number): Layer[] {
  const layers: Layer[] = [];
  const L = d.layers;
  if (L.enterprises.on && d.enterprises?.density) {
    const { density, columns, atlas } = d.enterprises;
    layers.push(
      ...densityLayers(density, columns.flags, atlas, {
        id: 'enterprise',
        opacity: L.enterprises.opacity,
        symbolScale,
      }),
    );
  } else if (L.enterprises.on && d.enterprises) {
    const { columns, filter, atlas } = d.enterprises;
    layers.push(
      new IconLayer({
        id: 'enterprises',
        data: enterpriseData(columns),
        ...symbolProps((index) => colourOf(columns.flags[index]), atlas, L.enterprises.opacity, symbolScale),
        extensions: [enterpriseFilter],
        getFilterCategory: (_: unknown, { index }: { index: number }) => categoriesOf(columns.flags[index]),
        filterRange: filter.filterRange,
        filterCategories: filter.filterCategories,
        updateTriggers: { getIcon: columns, getSize: columns, getFilterCategory: columns },
      } as ConstructorParameters<typeof IconLayer>[0]),
    );
    // 监测数据异常: a ring around each flagged enterprise that passes the filter (staff only; the
    // positions are empty for the public). Drawn over the symbols, under the selection ring.
    const rings = anomalyPositions(columns, filter);
    if (rings.length) {
      layers.push(
        new ScatterplotLayer({
          id: 'enterprise-anomaly',
          data: ringData(rings),
          getRadius: 11 * symbolScale,
          radiusUnits: 'pixels',
          stroked: true,
          filled: false,
          getLineColor: hexToRgba(ANOMALY_COLOUR),
          getLineWidth: 2.5 * d.uiScale,
          lineWidthUnits: 'pixels',
          opacity: L.enterprises.opacity,
          parameters: { depthCompare: 'always' as const, depthWriteEnabled: false },
        }),
      );
    }
  }
  return layers;
}

export function buildDeckLayers(d: DeckInputs): Layer[] {
  const out: Layer[] = [];
  const { layers: L, zoom, uiScale } = d;
  const symbolScale = uiScale * (zoom < 10 ? 1 : Math.min(1.8, 1 + (zoom - 10) * 0.2));

  // Under the symbols: hotspots colour areas, enterprises must stay readable on top.
  if (L.hotspots.on && d.hotspots.length) {
    out.push(
      new H3HexagonLayer<HotspotCell>({
        id: 'hotspots',
        data: d.hotspots,
        getHexagon: (c) => c.h3,
        getFillColor: (c) => HOTSPOT_RGBA[c.bin as keyof typeof HOTSPOT_RGBA],
        extruded: false,
        stroked: false,
        opacity: L.hotspots.opacity,
        pickable: true,
      }),
    );
  }

  const enterpriseLayers = buildEnterpriseLayers(d, symbolScale);
  if (!d.enterprises?.raised) out.push(...enterpriseLayers);

  if (L.sections.on && d.sections.length) {
    const fill = (f: SectionFeature) => {
      const c = normaliseClass(f.properties.latest?.class);
      return hexToRgba(c ? WATER_CLASS_COLOURS[c] : NO_DATA_COLOUR);
    };
    const ring = (f: SectionFeature) => {
      const c = normaliseClass(f.properties.targetClass);
      return hexToRgba(c ? WATER_CLASS_COLOURS[c] : '#e2e8f0');
    };
    out.push(
      new ScatterplotLayer<SectionFeature>({
        id: 'sections-halo',
        data: d.sections,
        getPosition: (f) => f.geometry.coordinates as [number, number],
        getRadius: 10.5 * uiScale,
        radiusUnits: 'pixels',
        getFillColor: [5, 10, 20, 230],
        opacity: L.sections.opacity,
      }),
      new ScatterplotLayer<SectionFeature>({
        id: 'sections',
        data: d.sections,
        getPosition: (f) => f.geometry.coordinates as [number, number],
        getRadius: 7.5 * uiScale,
        radiusUnits: 'pixels',
        stroked: true,
        getFillColor: fill,
        getLineColor: ring,
        getLineWidth: 3 * uiScale,
        lineWidthUnits: 'pixels',
        opacity: L.sections.opacity,
        pickable: true,
        autoHighlight: true,
        highlightColor: [255, 255, 255, 90],
      }),
    );
    if (zoom >= 9.6) {
      const text = (f: SectionFeature) => {
        const c = normaliseClass(f.properties.latest?.class);
        return `${d.place(f.properties.name)} ${c ? d.waterClass(c) : '—'}`;
      };
      // Hand-over sections settle money: their names win a crowded river, then those missing target.
      const kept = declutter(
        d.sections.map((f) => ({
          position: f.geometry.coordinates as [number, number],
          chars: textEms(text(f)),
          priority: (f.properties.handover ? 2 : 0) + (f.properties.meetsTarget === false ? 1 : 0),
        })),
        zoom,
        14 * uiScale,
      ).map((i) => d.sections[i]);
      out.push(
        new TextLayer<SectionFeature>({
          id: 'section-labels',
          data: kept,
          getPosition: (f) => f.geometry.coordinates as [number, number],
          getText: text,
          getSize: 14 * uiScale,
          getColor: [186, 230, 253, 255],
          getPixelOffset: [0, 16 * uiScale],
          getTextAnchor: 'middle',
          getAlignmentBaseline: 'top',
          opacity: L.sections.opacity,
          ...textCommon,
          ...labelBox,
          getBorderColor: [56, 189, 248, 160],
        }),
      );
    }
  }

  if (L.flows.on && d.flows.length) {
    const colour = hexToRgba(FLOW_COLOUR);
    const countyNamesShown = L.counties.on && zoom < COUNTY_LABELS_BELOW;
    const flowOffsets = nudgeClear(
      d.flows.map((f) => ({ position: f.mid, chars: textEms(d.flowLabel(f)), priority: 0, fontPx: 13 * uiScale })),
      countyNamesShown
        ? d.countyLabels.map((c) => ({
            position: c.position,
            chars: textEms(c.name),
            priority: 0,
            fontPx: 22 * uiScale,
          }))
        : [],
      zoom,
      6 * uiScale,
    );
    out.push(
      new PathLayer<Flow>({
        id: 'flows-casing',
        data: d.flows,
        getPath: (f) => f.path,
        getWidth: (f) => (f.width + 4) * uiScale,
        widthUnits: 'pixels',
        capRounded: true,
        jointRounded: true,
        getColor: [5, 10, 20, 200],
        opacity: L.flows.opacity,
      }),
      new PathLayer<Flow>({
        id: 'flows',
        data: d.flows,
        getPath: (f) => f.path,
        getWidth: (f) => f.width * uiScale,
        widthUnits: 'pixels',
        capRounded: true,
        jointRounded: true,
        getColor: colour,
        // Dash length and gap in multiples of the line width; 0 gap = solid.
        getDashArray: (f: Flow) => (f.projected ? [2, 1.6] : [1, 0]),
        extensions: [dashed],
        opacity: L.flows.opacity,
        pickable: true,
        autoHighlight: true,
        highlightColor: [255, 255, 255, 120],
      } as ConstructorParameters<typeof PathLayer<Flow>>[0]),
      new IconLayer<Flow>({
        id: 'flow-heads',
        data: d.flows,
        iconAtlas: flowArrowAtlas().url,
        iconMapping: flowArrowAtlas().mapping,
        getIcon: () => 'arrow',
        getPosition: (f) => f.tip,
        getAngle: (f) => f.angle,
        getSize: (f) => (f.width * 2.4 + 10) * uiScale,
        sizeUnits: 'pixels',
        getColor: colour,
        opacity: L.flows.opacity,
        parameters: { depthCompare: 'always', depthWriteEnabled: false },
      }),
      new TextLayer<Flow>({
        id: 'flow-labels',
        data: d.flows,
        getPosition: (f) => f.mid,
        getText: d.flowLabel,
        getPixelOffset: (_: Flow, { index }: { index: number }) => flowOffsets[index],
        getSize: 13 * uiScale,
        getColor: [254, 243, 199, 255],
        fontWeight: 600,
        opacity: L.flows.opacity,
        updateTriggers: { getText: d.flowLabel, getPixelOffset: flowOffsets },
        ...textCommon,
        ...labelBox,
        getBorderColor: hexToRgba(FLOW_COLOUR, 200),
      }),
    );
  }
  if (d.enterprises?.raised) out.push(...enterpriseLayers);

  if (L.parks.on && zoom >= 10.2) {
    const kept = declutter(
      d.parks.map((f) => ({
        position: f.properties.center,
        chars: textEms(d.place(f.properties.name)),
        priority: f.properties.enterpriseCount,
      })),
      zoom,
      14 * uiScale,
    ).map((i) => d.parks[i]);
    out.push(
      new TextLayer<ParkFeature>({
        id: 'park-labels',
        data: kept,
        getPosition: (f) => f.properties.center,
        getText: (f) => d.place(f.properties.name),
        getSize: 14 * uiScale,
        getColor: [233, 225, 255, 255],
        fontWeight: 600,
        opacity: L.parks.opacity,
        ...textCommon,
        ...labelBox,
        getBorderColor: hexToRgba(BASEMAP.parkLine, 200),
      }),
    );
  }

  if (L.counties.on && zoom < COUNTY_LABELS_BELOW) {
    out.push(
      new TextLayer<CountyLabel>({
        id: 'county-labels',
        data: d.countyLabels,
        getPosition: (c) => c.position,
        getText: (c) => c.name,
        getSize: 22 * uiScale,
        getColor: [226, 236, 250, 235],
        fontWeight: 700,
        opacity: L.counties.opacity,
        ...textCommon,
      }),
    );
  }

  if (d.selectedEnterprise) {
    out.push(
      new ScatterplotLayer<[number, number]>({
        id: 'selected-enterprise',
        data: [d.selectedEnterprise],
        getPosition: (p) => p,
        getRadius: 16 * uiScale,
        radiusUnits: 'pixels',
        stroked: true,
        filled: false,
        getLineColor: hexToRgba(BASEMAP.selection),
        getLineWidth: 3 * uiScale,
        lineWidthUnits: 'pixels',
      }),
    );
  }
  if (d.selectedSectionId !== null) {
    const s = d.sections.find((f) => f.properties.id === d.selectedSectionId);
    if (s) {
      out.push(
        new ScatterplotLayer<SectionFeature>({
          id: 'selected-section',
          data: [s],
          getPosition: (f) => f.geometry.coordinates as [number, number],
          getRadius: 17 * uiScale,
          radiusUnits: 'pixels',
          stroked: true,
          filled: false,
          getLineColor: hexToRgba(BASEMAP.selection),
          getLineWidth: 3 * uiScale,
          lineWidthUnits: 'pixels',
        }),
      );
    }
  }
  return out;
}
