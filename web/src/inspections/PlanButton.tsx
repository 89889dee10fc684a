/** Top-bar button that opens the double-random inspection dialog. */
import { useState } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { ICONS, ToolIcon } from '../tools/ToolIcon';
import { PlanDialog } from './PlanDialog';

export function PlanButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn btn--ghost tool-btn"
        aria-haspopup="dialog"
        title={t('tools.planLabel')}
        onClick={() => setOpen(true)}
        data-testid="open-plan"
      >
        <ToolIcon d={ICONS.dice} />
        <span className="tool-text">{t('tools.plan')}</span>
      </button>
      <PlanDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
