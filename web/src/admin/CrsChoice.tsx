import { useId } from 'react';
import { CRS_VALUES, type Crs } from '../api/import-file';
import { useI18n } from '../i18n/use-i18n';

/** The coordinate system of the file, as radio buttons (arrow keys move between them). */
export function CrsChoice({ value, onChange }: { value: Crs; onChange: (crs: Crs) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="admin-crs" aria-describedby={`${id}-hint`}>
      <legend className="field-label">{t('admin.import.crs')}</legend>
      <div className="admin-radios">
        {CRS_VALUES.map((crs) => (
          <label key={crs} className="admin-radio">
            <input type="radio" name={`${id}-crs`} value={crs} checked={value === crs} onChange={() => onChange(crs)} />
            <span>{t(`admin.crs.${crs}`)}</span>
          </label>
        ))}
      </div>
      <p id={`${id}-hint`} className="admin-hint">
        {t('admin.import.crsHint')}
      </p>
    </fieldset>
  );
}
