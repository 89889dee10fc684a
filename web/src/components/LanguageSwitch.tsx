import { useI18n } from '../i18n/use-i18n';
import { setViewState } from '../state/view-store';

export function LanguageSwitch() {
  const { t, lang } = useI18n();
  return (
    <button
      type="button"
      className="btn btn--ghost lang-switch"
      aria-label={t('app.switchToLabel')}
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
      onClick={() => setViewState((s) => ({ ...s, lang: s.lang === 'zh' ? 'en' : 'zh' }))}
    >
      {t('app.switchTo')}
    </button>
  );
}
