import { useI18n } from '../i18n/use-i18n';
import { useViewState } from '../state/view-store';
import { PHONE_TABS, setPhoneTab, usePhoneTab } from './phone-tab';

const ICON: Record<(typeof PHONE_TABS)[number], string> = {
  map: 'M9 4 3 6v14l6-2 6 2 6-2V4l-6 2-6-2zm0 0v14m6-12v14',
  panel: 'M4 5h16v14H4zM4 9h16M9 9v10',
  filters: 'M4 6h16M7 12h10M10 18h4',
};

/** The phone's bottom bar: map first, then the panel and the filters, each a labelled button. */
export function PhoneTabs() {
  const { t } = useI18n();
  const tab = usePhoneTab();
  const { selected } = useViewState();
  const label = (k: (typeof PHONE_TABS)[number]) =>
    k === 'panel' ? (selected ? t('phone.detail') : t('phone.overview')) : t(`phone.${k}`);
  return (
    <nav className="phone-tabs" aria-label={t('phone.tabs')} data-testid="phone-tabs">
      {PHONE_TABS.map((k) => (
        <button
          key={k}
          type="button"
          className="phone-tab"
          aria-current={tab === k ? 'page' : undefined}
          data-testid={`phone-tab-${k}`}
          onClick={() => setPhoneTab(k)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" className="phone-tab-icon">
            <path d={ICON[k]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
          </svg>
          <span>{label(k)}</span>
        </button>
      ))}
    </nav>
  );
}
