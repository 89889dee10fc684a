import { type KeyboardEvent, useRef } from 'react';
import { useI18n } from '../i18n/use-i18n';

export const ADMIN_TABS = ['import', 'users', 'audit'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; only the active tab is in the tab order. */
export function AdminTabs({ value, onChange }: { value: AdminTab; onChange: (tab: AdminTab) => void }) {
  const { t } = useI18n();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (e: KeyboardEvent) => {
    const i = ADMIN_TABS.indexOf(value);
    const next =
      e.key === 'ArrowRight'
        ? ADMIN_TABS[(i + 1) % ADMIN_TABS.length]
        : e.key === 'ArrowLeft'
          ? ADMIN_TABS[(i - 1 + ADMIN_TABS.length) % ADMIN_TABS.length]
          : e.key === 'Home'
            ? ADMIN_TABS[0]
            : e.key === 'End'
              ? ADMIN_TABS[ADMIN_TABS.length - 1]
              : null;
    if (!next) return;
    e.preventDefault();
    onChange(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="admin-tabs" role="tablist" aria-label={t('admin.tabs')} onKeyDown={onKeyDown}>
      {ADMIN_TABS.map((tab) => (
        <button
          key={tab}
          ref={(el) => {
            refs.current[tab] = el;
          }}
          type="button"
          role="tab"
          id={`admin-tab-${tab}`}
          aria-selected={value === tab}
          aria-controls={`admin-panel-${tab}`}
          tabIndex={value === tab ? 0 : -1}
          className="admin-tab"
          onClick={() => onChange(tab)}
        >
          {t(`admin.tab.${tab}`)}
        </button>
      ))}
    </div>
  );
}
