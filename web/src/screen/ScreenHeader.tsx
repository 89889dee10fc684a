import type { Health } from '../api/get-health';
import { Clock } from './Clock';
import { DataStatus } from './DataStatus';
import { SceneTabs } from './SceneTabs';
import type { SceneId } from './screen-params';
import { APP_TITLE, SCREEN_LANG, st } from './screen-text';
import type { LiveStatus } from './use-live-data';

type Props = {
  scopeName: string;
  scene: SceneId;
  changes: number;
  intervalMs: number;
  pinned: boolean;
  health: Health | undefined;
  live: LiveStatus;
  period?: { text: string; to: string } | null;
};

export function ScreenHeader({ scopeName, scene, changes, intervalMs, pinned, health, live, period }: Props) {
  return (
    <header className="s-header">
      <div className="s-brand">
        <svg className="s-logo" viewBox="0 0 48 48" aria-hidden="true">
          <circle cx="24" cy="24" r="22" fill="none" stroke="#38bdf8" strokeWidth="3" />
          <path d="M14 30c4-12 12-17 22-18-1 10-6 18-18 21" fill="#22c55e" />
          <path d="M14 34c5-6 10-10 16-13" stroke="#0b1526" strokeWidth="2.4" fill="none" />
        </svg>
        <div>
          <h1>
            {scopeName}
            {SCREEN_LANG === 'en' ? ' · ' : ''}
            {APP_TITLE}
          </h1>
          <p>{st('screen.subtitle')}</p>
        </div>
      </div>
      <SceneTabs scene={scene} changes={changes} intervalMs={intervalMs} pinned={pinned} />
      <DataStatus health={health} live={live} period={period} />
      <Clock />
    </header>
  );
}
