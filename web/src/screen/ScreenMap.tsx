/**
 * The screen's one map, created once for the page's life (a 24/7 screen must not create a
 * WebGL context per scene). Scenes cross-fade by animating deck.gl layer opacities and
 * MapLibre paint properties; the camera moves only when the scope or the screen size changes.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import { type GeoJSONSource, Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Parks } from '../api/get-parks';
import type { Regions } from '../api/get-regions';
import type { Rivers } from '../api/get-rivers';
import { buildBasemapStyle } from '../map/basemap-style';
import { aggregateDensity, DENSITY_THRESHOLD } from '../map/enterprise-density';
import { type MapViewExtent, viewOf } from '../map/use-enterprise-density';
import type { Bbox, DrawColumns } from './screen-data';
import { buildScreenLayers, type SceneWeights, type ScreenLayerInputs } from './screen-layers';
import { SCENES, type SceneId } from './screen-params';
import { useRemScale } from './use-rem-scale';

setWorkerUrl(workerUrl);

type Props = {
  scene: SceneId;
  fadeMs: number;
  bounds: Bbox;
  counties: Regions | undefined;
  towns: Regions | undefined;
  rivers: Rivers | undefined;
  parks: Parks | undefined;
  focusCounty: string | null;
  inputs: ScreenLayerInputs;
};

const oneHot = (scene: SceneId): SceneWeights =>
  Object.fromEntries(SCENES.map((s) => [s, s === scene ? 1 : 0])) as SceneWeights;
const ease = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

/** Basemap emphasis per scene: parks stand out on the three-colour scene, recede elsewhere. */
const PAINT: Record<SceneId, Record<string, number>> = {
  overview: { 'park-fill': 0.14, 'park-line': 0.45 },
  codes: { 'park-fill': 0.5, 'park-line': 1 },
  hotspots: { 'park-fill': 0.06, 'park-line': 0.25 },
  basin: { 'park-fill': 0.05, 'park-line': 0.2 },
};

export const ScreenMap = memo(function ScreenMap(p: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [revealed, setRevealed] = useState(false);
  const overlay = useRef<MapboxOverlay | null>(null);
  const weights = useRef<SceneWeights>(oneHot(p.scene));
  const scale = useRemScale();
  const [view, setView] = useState<MapViewExtent | null>(null);
  // Province scale: aggregate once per camera, not on every frame of a cross-fade.
  const cells = useMemo(() => {
    const of = (c: DrawColumns | null) =>
      view && c && c.n > DENSITY_THRESHOLD ? aggregateDensity(c, view.zoom, view.extent) : null;
    return { allCells: of(p.inputs.all), concernCells: of(p.inputs.concern) };
  }, [view, p.inputs.all, p.inputs.concern]);
  const latest = useRef({ inputs: p.inputs, scale, cells });
  latest.current = { inputs: p.inputs, scale, cells };
  const draw = useMemo(
    () => () =>
      overlay.current?.setProps({
        layers: buildScreenLayers(
          { ...latest.current.inputs, ...latest.current.cells },
          weights.current,
          latest.current.scale,
        ),
      }),
    [],
  );

  useEffect(() => {
    if (!container.current) return;
    const m = new MapLibreMap({
      container: container.current,
      style: buildBasemapStyle(),
      bounds: [118.02, 28.24, 119.33, 29.5],
      interactive: false,
      attributionControl: false,
      fadeDuration: 0,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    });
    const deck = new MapboxOverlay({ interleaved: false, layers: [] });
    m.addControl(deck);
    // Nothing on a wall screen takes focus: the map is a picture here, hidden from the a11y tree.
    const unfocusable = () => {
      for (const c of m.getContainer().querySelectorAll('canvas')) c.tabIndex = -1;
    };
    unfocusable();
    overlay.current = deck;
    m.on('moveend', () => setView(viewOf(m)));
    m.on('load', () => {
      unfocusable();
      for (const id of ['grid-line', 'park-selected']) m.setLayoutProperty(id, 'visibility', 'none');
      setMap(m);
    });
    return () => {
      overlay.current = null;
      m.remove();
    };
  }, []);

  // Basemap data as it arrives (towns only when one county is in focus).
  useEffect(() => {
    if (!map) return;
    const set = (id: string, data: unknown) => {
      if (data) (map.getSource(id) as GeoJSONSource | undefined)?.setData(data as GeoJSON.GeoJSON);
    };
    set(
      'counties',
      p.counties && {
        ...p.counties,
        features: p.counties.features.map((f, i) => ({ ...f, properties: { ...f.properties, tone: i % 6 } })),
      },
    );
    set('rivers', p.rivers);
    set('parks', p.parks);
    // Shown once the outlines are drawn at the final framing: no bare, differently framed first seconds.
    if (p.counties) map.once('idle', () => setRevealed(true));
    set(
      'towns',
      p.focusCounty && p.towns
        ? { ...p.towns, features: p.towns.features.filter((f) => f.properties.parentCode === p.focusCounty) }
        : { type: 'FeatureCollection', features: [] },
    );
  }, [map, p.counties, p.rivers, p.parks, p.towns, p.focusCounty]);

  // Line widths follow the screen scale so a 4K screen is not drawn with hairlines.
  useEffect(() => {
    if (!map) return;
    map.setPaintProperty('county-line', 'line-width', 2.2 * scale);
    map.setPaintProperty('river-line', 'line-width', 2 * scale);
    map.setPaintProperty('river-glow', 'line-width', 7 * scale);
    map.setPaintProperty('park-line', 'line-width', 1.6 * scale);
    map.setPaintProperty('town-line', 'line-width', 1 * scale);
  }, [map, scale]);

  // Camera: fit the scope; again whenever the screen is resized.
  const { bounds } = p;
  useEffect(() => {
    if (!map) return;
    const fit = () => {
      const c = map.getContainer();
      const pad = Math.round(Math.min(c.clientWidth, c.clientHeight) * 0.035);
      // The legend sits bottom-left: keep the area's shape clear of it.
      const legend = Math.round(c.clientWidth * 0.2);
      map.fitBounds(
        [
          [bounds[0], bounds[1]],
          [bounds[2], bounds[3]],
        ],
        { padding: { top: pad, bottom: pad, left: legend, right: pad }, animate: false },
      );
    };
    fit();
    map.on('resize', fit);
    return () => {
      map.off('resize', fit);
    };
  }, [map, bounds]);

  // Redraw when data or scale change.
  useEffect(() => {
    draw();
  }, [draw, p.inputs, scale, cells]);

  // Cross-fade to the new scene.
  const { scene, fadeMs } = p;
  useEffect(() => {
    const from = { ...weights.current };
    const to = oneHot(scene);
    const start = performance.now();
    let frame = 0;
    const step = (now: number) => {
      const t = fadeMs > 0 ? Math.min(1, (now - start) / fadeMs) : 1;
      const e = ease(t);
      for (const s of SCENES) weights.current[s] = from[s] + (to[s] - from[s]) * e;
      draw();
      if (t < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    if (map) {
      for (const [layer, opacity] of Object.entries(PAINT[scene])) {
        const prop = layer.endsWith('fill') ? 'fill-opacity' : 'line-opacity';
        map.setPaintProperty(layer, prop, opacity);
      }
    }
    return () => cancelAnimationFrame(frame);
  }, [scene, fadeMs, draw, map]);

  return (
    <div
      ref={container}
      className={revealed ? 'screen-map' : 'screen-map screen-map--hidden'}
      data-testid="screen-map"
      data-ready={map && revealed ? 'true' : 'false'}
      aria-hidden="true"
    />
  );
});
