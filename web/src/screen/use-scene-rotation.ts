import { useEffect, useState } from 'react';
import { SCENES, type SceneId } from './screen-params';

export type ScreenStats = { sceneChanges: number; scene: SceneId; rotations: number };

declare global {
  interface Window {
    /** Read by the soak test: how many scene changes have happened. */
    __screenStats?: ScreenStats;
  }
}

/** The current scene: rotating every `intervalMs`, or pinned. Counts changes for the soak test. */
export function useSceneRotation(intervalMs: number, pinned: SceneId | null) {
  const [state, setState] = useState({ index: pinned ? SCENES.indexOf(pinned) : 0, changes: 0 });
  useEffect(() => {
    if (pinned) return;
    const timer = setInterval(
      () => setState((s) => ({ index: (s.index + 1) % SCENES.length, changes: s.changes + 1 })),
      intervalMs,
    );
    return () => clearInterval(timer);
  }, [intervalMs, pinned]);
  const scene = SCENES[state.index];
  useEffect(() => {
    window.__screenStats = {
      sceneChanges: state.changes,
      scene,
      rotations: Math.floor(state.changes / SCENES.length),
    };
  }, [state.changes, scene]);
  return { scene, changes: state.changes };
}
