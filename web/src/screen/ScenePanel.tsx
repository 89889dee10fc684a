import type { ReactNode } from 'react';
import type { SceneId } from './screen-params';

/**
 * One scene's panel. All four stay mounted in the same grid area and cross-fade by opacity,
 * so a scene change moves no layout and re-creates no chart.
 */
export function ScenePanel({ id, active, children }: { id: SceneId; active: boolean; children: ReactNode }) {
  return (
    <div className={active ? 's-scene s-scene--active' : 's-scene'} data-scene-panel={id} aria-hidden={!active}>
      {children}
    </div>
  );
}
