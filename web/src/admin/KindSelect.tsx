import { useId } from 'react';
import { IMPORT_KINDS, type ImportKind } from '../api/import-file';
import { useI18n } from '../i18n/use-i18n';

export function KindSelect({ value, onChange }: { value: ImportKind; onChange: (kind: ImportKind) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field admin-kind">
      <label className="field-label" htmlFor={id}>
        {t('admin.import.kind')}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as ImportKind)} data-testid="import-kind">
        {IMPORT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`admin.kind.${k}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
