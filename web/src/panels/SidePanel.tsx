/**
 * The right-hand panel: the detail of whatever is selected (component chosen from the
 * registry by object type), or the city overview when nothing is.
 */
import { useCallback, useEffect } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { setViewState, useViewState } from '../state/view-store';
import { FallbackPanel } from './FallbackPanel';
import { OverviewPanel } from './overview/OverviewPanel';
import { DETAIL_PANELS } from './registry';

export function SidePanel() {
  const { t } = useI18n();
  const { selected } = useViewState();
  const close = useCallback(() => setViewState((s) => ({ ...s, selected: null })), []);

  // Escape closes the detail, from anywhere but a text field or an open list.
  useEffect(() => {
    if (!selected) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === 'Escape' && !(target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, close]);

  if (!selected) {
    return (
      <aside className="side-panel" aria-label={t('overview.title')}>
        <OverviewPanel />
      </aside>
    );
  }
  const Detail = DETAIL_PANELS[selected.type];
  return (
    <aside className="side-panel" aria-label={t('panel.detail')}>
      <div className="side-panel-bar">
        <button type="button" className="btn btn--ghost btn--small" onClick={close} aria-label={t('panel.back')}>
          ← {t('panel.back')}
        </button>
        <button type="button" className="btn btn--icon" onClick={close} aria-label={t('panel.close')}>
          ×
        </button>
      </div>
      {Detail ? (
        <Detail key={`${selected.type}:${selected.id}`} id={selected.id} />
      ) : (
        <FallbackPanel selection={selected} />
      )}
    </aside>
  );
}
