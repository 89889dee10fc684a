/** Top-bar button for the integrity-flag list; shown to signed-in staff only. */
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/use-i18n';
import { setTableOpen } from '../table/table-store';
import { ICONS, ToolIcon } from '../tools/ToolIcon';
import { setFlagsOpen, useFlagsOpen } from './flags-store';

export function FlagListButton() {
  const { t } = useI18n();
  const open = useFlagsOpen();
  const role = useSession().data?.role;
  if (role === undefined || role === 'public') return null;
  return (
    <button
      type="button"
      className="btn btn--ghost tool-btn"
      aria-expanded={open}
      aria-controls={open ? 'flag-list' : undefined}
      title={t('flags.toolLabel')}
      data-testid="toggle-flags"
      onClick={() => {
        setFlagsOpen((v) => !v);
        setTableOpen(false);
      }}
    >
      <ToolIcon d={ICONS.pulse} />
      <span className="tool-text">{t('flags.tool')}</span>
    </button>
  );
}
