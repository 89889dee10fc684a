import type { EnterpriseDetail } from '../../api/get-enterprise';
import { useI18n } from '../../i18n/use-i18n';
import { setViewState } from '../../state/view-store';

/** Identity: USCC, address, area, park (a link to the park), industry, status. */
export function EnterpriseFacts({ e }: { e: EnterpriseDetail }) {
  const { t, te, place, industry } = useI18n();
  return (
    <dl className="facts">
      <dt>{t('ent.uscc')}</dt>
      <dd className="mono">{e.uscc}</dd>
      <dt>{t('ent.address')}</dt>
      <dd lang="zh">{e.address}</dd>
      <dt>{t('ent.region')}</dt>
      <dd>
        {place(e.countyName)}
        {e.townName ? ` · ${place(e.townName)}` : ''}
      </dd>
      <dt>{t('ent.park')}</dt>
      <dd>
        {e.park ? (
          <button
            type="button"
            className="btn btn--link"
            onClick={() => setViewState((s) => ({ ...s, selected: { type: 'park', id: e.park?.id ?? null } }))}
          >
            {place(e.park.name)}
          </button>
        ) : (
          t('ent.noPark')
        )}
      </dd>
      <dt>{t('ent.industry')}</dt>
      <dd>{industry(e.industry.code, e.industry.name)}</dd>
      <dt>{t('ent.status')}</dt>
      <dd>
        {te('status', e.status)}
        {e.keyPollutant && <span className="tag tag--key">{t('ent.keyPollutant')}</span>}
      </dd>
      {e.contact && (
        <>
          <dt>{t('ent.contact')}</dt>
          <dd lang="zh">
            {e.contact.name ?? '—'} {e.contact.phone ?? ''}
          </dd>
        </>
      )}
    </dl>
  );
}
