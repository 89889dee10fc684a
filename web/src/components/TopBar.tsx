import { useHealth } from '../api/get-health';
import { useI18n } from '../i18n/use-i18n';
import { AnalystToolbar } from '../tools/AnalystToolbar';
import { DemoBadge } from './DemoBadge';
import { LanguageSwitch } from './LanguageSwitch';
import { SearchBox } from './SearchBox';

export function TopBar() {
  const { t } = useI18n();
  const health = useHealth();
  return (
    <header className="topbar">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <path d="M16 3c6 5 9 10 9 15a9 9 0 0 1-18 0c0-5 3-10 9-15z" fill="#22c55e" />
          <path d="M16 11v16M16 18l-4-3M16 22l5-4" stroke="#052e16" strokeWidth="2" fill="none" strokeLinecap="round" />
        </svg>
        <h1>
          {t('app.title')} <span className="brand-sep">·</span> <span className="brand-city">{t('app.city')}</span>
        </h1>
        <DemoBadge />
      </div>
      <SearchBox />
      <div className="topbar-right">
        {health.data?.asOf && <span className="as-of">{t('app.asOf', { date: health.data.asOf })}</span>}
        {health.isError && (
          <span className="as-of as-of--error" role="alert">
            {t('app.offline')}
          </span>
        )}
        <AnalystToolbar />
        <LanguageSwitch />
      </div>
    </header>
  );
}
