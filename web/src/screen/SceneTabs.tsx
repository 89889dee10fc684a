import { SceneProgress } from './SceneProgress';
import { SCENES, type SceneId } from './screen-params';
import { SCENE_TITLES, st } from './screen-text';

type Props = { scene: SceneId; changes: number; intervalMs: number; pinned: boolean };

/** Which scene is showing and how long until the next: the active tab fills like a progress bar. */
export function SceneTabs({ scene, changes, intervalMs, pinned }: Props) {
  return (
    <ol className="s-tabs" aria-label={st('screen.scenes')}>
      {SCENES.map((s, i) => {
        const active = s === scene;
        return (
          <li key={s} className={active ? 's-tab s-tab--active' : 's-tab'} aria-current={active ? 'step' : undefined}>
            <span className="s-tab-no">{i + 1}</span>
            {SCENE_TITLES[s]}
            {active && !pinned && (
              // Keyed by the change count so the bar restarts with every scene.
              <SceneProgress key={changes} intervalMs={intervalMs} />
            )}
          </li>
        );
      })}
    </ol>
  );
}
