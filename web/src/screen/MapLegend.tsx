import { BASEMAP } from '../map/palette';
import { HOTSPOT_COLOURS, HOTSPOT_LABELS } from './hotspot-palette';
import { SymbolIcon } from './SymbolIcon';
import type { SceneId } from './screen-params';
import { COLOUR_TEXT, st } from './screen-text';

type Props = {
  scene: SceneId;
  title: string;
  active: boolean;
  /** Province scale: enterprises are drawn as cluster discs (see map/enterprise-density). */
  clustered?: boolean;
};

/** The map's legend for one scene; all legends stay mounted and cross-fade with their scene. */
export function MapLegend({ scene, title, active, clustered = false }: Props) {
  if (scene === 'basin') return null;
  return (
    <div
      className={active ? 's-legend s-legend--active' : 's-legend'}
      aria-hidden={!active}
      data-testid={`legend-${scene}`}
    >
      <div className="s-legend-title">{title}</div>
      <ul>
        {scene === 'overview' &&
          (['red', 'yellow', 'green'] as const).map((c) => (
            <li key={c}>
              <SymbolIcon colour={c} />
              {COLOUR_TEXT[c].name}
              <small>{COLOUR_TEXT[c].meaning}</small>
            </li>
          ))}
        {scene === 'codes' && (
          <>
            {(['red', 'yellow'] as const).map((c) => (
              <li key={c}>
                <SymbolIcon colour={c} />
                {COLOUR_TEXT[c].name}
                <small>{COLOUR_TEXT[c].meaning}</small>
              </li>
            ))}
            <li>
              <i className="s-bubble" style={{ background: `${BASEMAP.parkFill}55`, borderColor: BASEMAP.parkLine }} />
              {st('screen.legend.park')}
              <small>{st('screen.legend.parkNote')}</small>
            </li>
          </>
        )}
        {scene === 'hotspots' &&
          (Object.keys(HOTSPOT_COLOURS) as (keyof typeof HOTSPOT_COLOURS)[]).map((b) => (
            <li key={b}>
              <i className="s-hex" style={{ background: HOTSPOT_COLOURS[b] }} />
              {HOTSPOT_LABELS[b]}
            </li>
          ))}
        {clustered && (scene === 'overview' || scene === 'codes') && (
          <li>
            <i className="s-cluster" />
            {st('screen.legend.cluster')}
            <small>{st('screen.legend.clusterNote')}</small>
          </li>
        )}
        {(scene === 'overview' || scene === 'codes') && (
          <li>
            <i className="s-line" style={{ background: BASEMAP.river }} />
            {st('screen.legend.river')}
          </li>
        )}
      </ul>
    </div>
  );
}
