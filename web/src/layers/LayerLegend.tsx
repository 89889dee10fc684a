/**
 * The legend swatches of one layer, drawn from the same palette and symbol geometry as the
 * map, so the legend cannot disagree with what is drawn.
 */

import { CodeSymbol } from '../components/CodeSymbol';
import { useI18n } from '../i18n/use-i18n';
import {
  BASEMAP,
  FLOW_COLOUR,
  HOTSPOT_BINS,
  HOTSPOT_COLOURS,
  NO_DATA_COLOUR,
  WATER_CLASS_COLOURS,
  WATER_CLASSES,
} from '../map/palette';
import type { LayerId } from '../state/view-state';
import { AnomalyLegend } from './AnomalyLegend';
import { ClusterLegend } from './ClusterLegend';
import { FlowsNote } from './FlowsNote';
import { HotspotWindowNote } from './HotspotWindowNote';
import { LineSwatch } from './LineSwatch';

export function LayerLegend({ layer }: { layer: LayerId }) {
  const { t, waterClass } = useI18n();
  switch (layer) {
    case 'enterprises':
      return (
        <>
          <ul className="legend legend--codes">
            {(['red', 'yellow', 'green'] as const).map((c) => (
              <li key={c}>
                <CodeSymbol colour={c} size={16} />
                <span className="legend-label">{t(`colour.${c}`)}</span>
                <span className="legend-note">{t(`colour.${c}.meaning`)}</span>
              </li>
            ))}
          </ul>
          <AnomalyLegend />
          <ClusterLegend />
        </>
      );
    case 'sections':
      return (
        <div className="legend legend--classes">
          <ul className="class-chips">
            {WATER_CLASSES.map((c) => (
              <li key={c} style={{ background: WATER_CLASS_COLOURS[c] }} className={`class-chip class-chip--${c}`}>
                {waterClass(c)}
              </li>
            ))}
            <li style={{ background: NO_DATA_COLOUR }} className="class-chip class-chip--nodata">
              {t('legend.sectionNoData')}
            </li>
          </ul>
          <div className="legend-row">
            <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
              <circle
                cx="11"
                cy="11"
                r="7"
                fill={WATER_CLASS_COLOURS.IV}
                stroke={WATER_CLASS_COLOURS.II}
                strokeWidth="3.5"
              />
            </svg>
            <span className="legend-note">
              {t('legend.sectionFill')} · {t('legend.sectionRing')}
            </span>
          </div>
        </div>
      );
    case 'hotspots':
      return (
        <div className="legend legend--hotspots">
          <ul className="class-chips">
            {HOTSPOT_BINS.map((b) => (
              <li
                key={b}
                style={{ background: HOTSPOT_COLOURS[b] }}
                className={`class-chip${b.endsWith('99') ? ' class-chip--light-text' : ''}`}
              >
                {t(`legend.${b}`)}
              </li>
            ))}
          </ul>
          <p className="legend-note">{t('legend.hotspots')}</p>
          <HotspotWindowNote />
        </div>
      );
    case 'flows':
      return (
        <div className="legend legend--flows">
          <div className="legend-row">
            <LineSwatch colour={FLOW_COLOUR} width={5} />
            <span className="legend-note">{t('legend.flowAssessed')}</span>
          </div>
          <div className="legend-row">
            <LineSwatch colour={FLOW_COLOUR} width={5} dashed />
            <span className="legend-note">{t('legend.flowProjected')}</span>
          </div>
          <p className="legend-note">{t('legend.flowWidth')}</p>
          <FlowsNote />
        </div>
      );
    case 'parks':
      return (
        <div className="legend legend-row">
          <svg width="28" height="16" viewBox="0 0 28 16" aria-hidden="true">
            <rect
              x="2"
              y="2"
              width="24"
              height="12"
              rx="2"
              fill={BASEMAP.parkFill}
              fillOpacity="0.3"
              stroke={BASEMAP.parkLine}
              strokeWidth="2"
            />
          </svg>
          <span className="legend-note">{t('legend.park')}</span>
        </div>
      );
    case 'rivers':
      return (
        <div className="legend legend-row">
          <LineSwatch colour={BASEMAP.river} />
          <span className="legend-note">{t('legend.river')}</span>
        </div>
      );
    case 'counties':
      return (
        <div className="legend legend-row">
          <LineSwatch colour={BASEMAP.countyLine} />
          <span className="legend-note">{t('legend.county')}</span>
        </div>
      );
    case 'towns':
      return (
        <div className="legend legend-row">
          <LineSwatch colour={BASEMAP.townLine} dashed width={2} />
          <span className="legend-note">{t('legend.town')}</span>
        </div>
      );
    case 'grids':
      return (
        <div className="legend legend-row">
          <LineSwatch colour={BASEMAP.grid} dashed width={2} />
          <span className="legend-note">{t('legend.grid')}</span>
        </div>
      );
  }
}
