import { useEffect } from 'react';
import { TopBar } from '../components/TopBar';
import { FilterPanel } from '../filters/FilterPanel';
import { useI18n } from '../i18n/use-i18n';
import { LayerPanel } from '../layers/LayerPanel';
import { MapView } from '../map/MapView';
import { SidePanel } from '../panels/SidePanel';
import { EnterpriseTableDrawer } from '../table/EnterpriseTable';

/** Map-first layout: the map fills the screen; the bar and the two panels float over it. */
export function App() {
  const { t, lang } = useI18n();
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = `${t('app.title')} · ${t('app.city')}`;
  }, [lang, t]);
  return (
    <div className="app">
      <a className="skip-link" href="#map-region">
        {t('app.skipToMap')}
      </a>
      <TopBar />
      <main className="stage">
        <div id="map-region" className="map-region" tabIndex={-1}>
          <MapView />
        </div>
        <div className="left-panel">
          <FilterPanel />
          <LayerPanel />
        </div>
        <SidePanel />
        <EnterpriseTableDrawer />
      </main>
    </div>
  );
}
