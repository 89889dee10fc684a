import { useId } from 'react';
import { useI18n } from '../i18n/use-i18n';

/** All / yes / no for a boolean filter. */
export function TriStateSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean | null;
  onChange: (v: boolean | null) => void;
}) {
  const id = useId();
  const { t } = useI18n();
  return (
    <div className="field field--half">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        value={value === null ? '' : value ? '1' : '0'}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === '1')}
      >
        <option value="">{t('filters.all')}</option>
        <option value="1">{t('filters.yes')}</option>
        <option value="0">{t('filters.no')}</option>
      </select>
    </div>
  );
}
