/**
 * `/screen` — the public display screen (大屏). No login, no pointer, no keyboard: it rotates its
 * scenes, follows data changes over SSE and keeps the last good data through API outages.
 * Layout: fixed grid areas (header, panel, map) sized in rem from a root font that follows the
 * viewport, so 1920×1080 and 3840×2160 show the same composition, crisp at both.
 */
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { DENSITY_THRESHOLD } from '../map/enterprise-density';
import { buildSymbolAtlas } from '../map/enterprise-symbols';
import { BasinPanel } from './BasinPanel';
import { BasinSchematic } from './BasinSchematic';
import { basinEdges, countyNets } from './basin-model';
import { CodesPanel } from './CodesPanel';
import { HotspotsPanel } from './HotspotsPanel';
import { MapLegend } from './MapLegend';
import { OverviewPanel } from './OverviewPanel';
import { ScenePanel } from './ScenePanel';
import { ScreenHeader } from './ScreenHeader';
import { ScreenMap } from './ScreenMap';
import { fmtInt } from './screen-format';
import type { ScreenLayerInputs } from './screen-layers';
import { fadeMsFor, parseScreenParams, SCENES } from './screen-params';
import { APP_TITLE, SCREEN_LANG, st } from './screen-text';
import { useLiveData } from './use-live-data';
import { useSceneRotation } from './use-scene-rotation';
import { useScreenData } from './use-screen-data';
import { useScreenDerived } from './use-screen-derived';
import './screen.css';

export function ScreenApp() {
  const params = useMemo(() => parseScreenParams(window.location.search), []);
  useLayoutEffect(() => {
    const html = document.documentElement;
    html.classList.add('screen-root');
    html.lang = SCREEN_LANG === 'en' ? 'en' : 'zh-CN';
    return () => html.classList.remove('screen-root');
  }, []);

  const { scene, changes } = useSceneRotation(params.intervalMs, params.pinned);
  const data = useScreenData(params.period);
  const live = useLiveData();
  const d = useScreenDerived(data, params.county);
  const fadeMs = fadeMsFor(params.intervalMs);

  useEffect(() => {
    document.title = `${d.scopeName}${SCREEN_LANG === 'en' ? ' · ' : ''}${APP_TITLE} · ${st('screen.kiosk')}`;
  }, [d.scopeName]);

  const edges = useMemo(() => basinEdges(data.compensation), [data.compensation]);
  const atlas = useMemo(buildSymbolAtlas, []);
  const { parks, sections, counties, compensation } = data;
  const inputs = useMemo((): ScreenLayerInputs => {
    return {
      all: d.allEnterprises,
      concern: d.concernEnterprises,
      atlas,
      hotCells: d.hot?.cells ?? [],
      counties: counties?.features ?? [],
      parks: parks?.features.filter((f) => d.scope === null || f.properties.countyCode === d.scope) ?? [],
      handoverSections: sections?.features.filter((f) => f.properties.handover) ?? [],
      net: new Map(countyNets(compensation).rows.map((s) => [s.countyCode, s.value])),
      focusCounty: d.scope,
    };
  }, [d.allEnterprises, d.concernEnterprises, atlas, d.hot, counties, d.scope, parks, sections, compensation]);

  const legendTitles = {
    overview: d.allEnterprises
      ? st('screen.legend.overview', { n: fmtInt(d.counts.total) })
      : st('screen.legend.overviewLoading'),
    codes: d.allEnterprises
      ? st('screen.legend.codes', { n: fmtInt(d.counts.red + d.counts.yellow) })
      : st('screen.legend.codesLoading'),
    hotspots: st('screen.legend.hotspots'),
    basin: '',
  };

  return (
    <div
      className="screen"
      data-testid="screen"
      data-scene={scene}
      data-scene-count={changes}
      data-online={live.online ? 'true' : 'false'}
      style={{ '--fade': `${fadeMs}ms` } as React.CSSProperties}
    >
      <ScreenHeader
        scopeName={d.scopeName}
        scene={scene}
        changes={changes}
        intervalMs={params.intervalMs}
        pinned={params.pinned !== null}
        health={data.health}
        live={live}
        period={data.period}
      />
      <main className="s-panels">
        <ScenePanel id="overview" active={scene === 'overview'}>
          <OverviewPanel
            scopeName={d.scopeName}
            county={d.scope}
            counts={d.counts}
            overview={data.overview}
            hot={d.hot}
            sections={d.sectionScope}
          />
        </ScenePanel>
        <ScenePanel id="codes" active={scene === 'codes'}>
          <CodesPanel
            scopeName={d.scopeName}
            county={d.scope}
            areaRows={d.areaRows}
            parkRows={d.parkRows}
            loading={!d.allEnterprises}
          />
        </ScenePanel>
        <ScenePanel id="hotspots" active={scene === 'hotspots'}>
          <HotspotsPanel scopeName={d.scopeName} hot={d.hot} window={data.hotspotWindow} />
        </ScenePanel>
        <ScenePanel id="basin" active={scene === 'basin'}>
          <BasinPanel compensation={compensation} edges={edges} focus={d.scope} />
        </ScenePanel>
      </main>
      <section className="s-map-area" aria-label={st('screen.map')}>
        <ScreenMap
          scene={scene}
          fadeMs={fadeMs}
          bounds={d.bounds}
          counties={counties}
          towns={data.towns}
          rivers={data.rivers}
          parks={parks}
          focusCounty={d.scope}
          inputs={inputs}
        />
        <div
          className={scene === 'basin' ? 's-basin-layer s-basin-layer--active' : 's-basin-layer'}
          aria-hidden={scene !== 'basin'}
        >
          <BasinSchematic compensation={compensation} edges={edges} focus={d.scope} />
        </div>
        {SCENES.map((s) => (
          <MapLegend
            key={s}
            scene={s}
            title={legendTitles[s]}
            active={scene === s}
            clustered={(d.allEnterprises?.n ?? 0) > DENSITY_THRESHOLD}
          />
        ))}
        <p className="s-attribution">{st('screen.attribution')}</p>
      </section>
    </div>
  );
}
export default ScreenApp;
