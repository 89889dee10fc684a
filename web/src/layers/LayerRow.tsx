import type { ReactNode } from 'react';
import { useId } from 'react';
import { useI18n } from '../i18n/use-i18n';
import type { LayerId } from '../state/view-state';
import { setViewState, useViewState } from '../state/view-store';
import { LayerLegend } from './LayerLegend';

/** One layer: on/off switch, opacity slider and its legend (shown only while it is drawn). */
export function LayerRow({ layer, children }: { layer: LayerId; children?: ReactNode }) {
  const { t } = useI18n();
  const setting = useViewState().layers[layer];
  const id = useId();
  const name = t(`layers.${layer}`);
  const update = (patch: Partial<typeof setting>, mode: 'push' | 'replace') =>
    setViewState((s) => ({ ...s, layers: { ...s.layers, [layer]: { ...s.layers[layer], ...patch } } }), mode);

  return (
    <li className={`layer-row${setting.on ? ' is-on' : ''}`} data-layer={layer}>
      <div className="layer-head">
        <input
          id={id}
          type="checkbox"
          className="switch"
          role="switch"
          checked={setting.on}
          aria-checked={setting.on}
          onChange={(e) => update({ on: e.target.checked }, 'push')}
        />
        <label htmlFor={id} className="layer-name">
          {name}
        </label>
        <input
          type="range"
          className="opacity"
          min={0}
          max={100}
          step={5}
          value={Math.round(setting.opacity * 100)}
          disabled={!setting.on}
          aria-label={t('layers.opacity', { layer: name })}
          aria-valuetext={`${Math.round(setting.opacity * 100)}%`}
          // Dragging a slider is not worth a history entry per step: replace, not push.
          onChange={(e) => update({ opacity: Number(e.target.value) / 100 }, 'replace')}
        />
      </div>
      {setting.on && (
        <div className="layer-body">
          {children}
          <LayerLegend layer={layer} />
        </div>
      )}
    </li>
  );
}
