/**
 * The analyst tools in the top bar: basin compensation panel, enterprise table, the monitoring
 * data flag list (staff), map snapshot, double-random inspection list and login. Each is a labelled button (text hides on narrow
 * screens, the accessible name stays).
 */

import { AuthButton } from '../auth/AuthButton';
import { useI18n } from '../i18n/use-i18n';
import { PlanButton } from '../inspections/PlanButton';
import { FlagListButton } from '../online/FlagListButton';
import { setFlagsOpen } from '../online/flags-store';
import { setViewState, useViewState } from '../state/view-store';
import { setTableOpen, useTableOpen } from '../table/table-store';
import { MapPngButton } from './MapPngButton';
import { ICONS, ToolIcon } from './ToolIcon';
import './toolbar.css';

export function AnalystToolbar() {
  const { t } = useI18n();
  const { selected } = useViewState();
  const basinOpen = selected?.type === 'basin';
  const tableOpen = useTableOpen();
  return (
    <nav className="tools" aria-label={t('tools.label')}>
      <button
        type="button"
        className="btn btn--ghost tool-btn"
        aria-pressed={basinOpen}
        title={t('tools.basinLabel')}
        data-testid="open-basin"
        onClick={() => setViewState((s) => ({ ...s, selected: basinOpen ? null : { type: 'basin', id: null } }))}
      >
        <ToolIcon d={ICONS.basin} />
        <span className="tool-text">{t('tools.basin')}</span>
      </button>
      <button
        type="button"
        className="btn btn--ghost tool-btn"
        aria-expanded={tableOpen}
        aria-controls={tableOpen ? 'enterprise-table' : undefined}
        title={t('tools.tableLabel')}
        data-testid="toggle-table"
        onClick={() => {
          setTableOpen((v) => !v);
          setFlagsOpen(false);
        }}
      >
        <ToolIcon d={ICONS.table} />
        <span className="tool-text">{t('tools.table')}</span>
      </button>
      <FlagListButton />
      <MapPngButton />
      <PlanButton />
      <AuthButton />
    </nav>
  );
}
