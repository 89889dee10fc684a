import { useEffect, useRef } from 'react';
import { TopBar } from '../components/TopBar';
import { FilterPanel } from '../filters/FilterPanel';
import { useI18n } from '../i18n/use-i18n';
import { LayerPanel } from '../layers/LayerPanel';
import { MapView } from '../map/MapView';
import { FlagListDrawer } from '../online/FlagListDrawer';
import { SidePanel } from '../panels/SidePanel';
import { useViewState } from '../state/view-store';
import { EnterpriseTableDrawer } from '../table/EnterpriseTable';
import { PhoneTabs } from './PhoneTabs';
import { setPhoneTab, usePhoneTab } from './phone-tab';

/** Map-first layout: the map fills the screen; the bar and the two panels float over it. */
export function App() {
  const { t, lang } = useI18n();
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = `${t('app.title')} · ${t('app.city')}`;
  }, [lang, t]);

  // Opening something (search, map, a list) shows its panel from the top: on a phone the panel
  // is its own tab, and a panel left scrolled down would open on a blank sliver.
  const phoneTab = usePhoneTab();
  const { selected } = useViewState();
  const selectedKey = selected ? `${selected.type}:${selected.id}` : null;
  const stage = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!selectedKey) return;
    setPhoneTab('panel');
    stage.current?.querySelector('.side-panel')?.scrollTo({ top: 0 });
  }, [selectedKey]);

  return (
    <div className="app">
      <a className="skip-link" href="#map-region">
        {t('app.skipToMap')}
      </a>
      <TopBar />
      <main className={`stage stage--${phoneTab}`} ref={stage}>
        <div id="map-region" className="map-region" tabIndex={-1}>
          <MapView />
        </div>
        <div className="left-panel">
          <FilterPanel />
          <LayerPanel />
        </div>
        <SidePanel />
        <EnterpriseTableDrawer />
        <FlagListDrawer />
      </main>
      <PhoneTabs />
    </div>
  );
}
