/**
 * The analysts' list of integrity flags on online monitoring data, a drawer under the map:
 * filterable by kind and period, exportable as CSV, and a row opens the enterprise with the
 * flagged outlet's chart on the flag's pollutant and span.
 */
import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import { addDays } from '../../../server/domain/dates';
import { useHealth } from '../api/get-health';
import { type FlagQuery, type OnlineFlag, useOnlineFlags } from '../api/list-online-flags';
import { useSession } from '../auth/session';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { findEnterprise } from '../map/decode-enterprise-layer';
import { mapController } from '../map/map-controller';
import { useEnterpriseColumns } from '../map/use-enterprise-columns';
import { setViewState, useViewState } from '../state/view-store';
import { downloadText, toCsv } from '../table/csv';
import { flagSummary } from './flag-summary';
import { flagsCsvRows } from './flags-csv';
import { setFlagsOpen } from './flags-store';
import { flagWindow, wallClock, wallText } from './outlet-chart-model';
import { setOutletFocus } from './outlet-focus';
import { pollutantName, pollutantUnit } from './pollutants';
import '../table/table.css';
import './online.css';

const KINDS = ['constant', 'narrow_band', 'detection_limit', 'parked_under_limit', 'gap', 'zero_flow'] as const;
const PERIODS = ['open', '90', '365', 'all'] as const;
type Period = (typeof PERIODS)[number];
const PERIOD_DAYS: Record<Period, number | null> = { open: 30, '90': 90, '365': 365, all: null };
/** Rows drawn at once; the count and the CSV cover them all. */
const MAX_ROWS = 1000;

export function FlagList() {
  const { t, lang, fmt } = useI18n();
  const ids = useId();
  const health = useHealth().data;
  const role = useSession().data?.role;
  const view = useViewState();
  const { layer } = useEnterpriseColumns();
  const [kind, setKind] = useState('');
  const [period, setPeriod] = useState<Period>('open');
  const asOf = health?.asOf ?? null;
  const days = PERIOD_DAYS[period];
  const query = useMemo((): FlagQuery => {
    const q: FlagQuery = {};
    if (kind) q.kind = kind;
    if (days !== null && asOf) q.from = addDays(asOf, -(days - 1));
    return q;
  }, [kind, days, asOf]);
  const staff = role !== undefined && role !== 'public';
  const flags = useOnlineFlags(query, role, health?.dataVersion, staff);
  const items = flags.data?.items ?? [];
  const total = flags.data?.total;
  const selectedId = view.selected?.type === 'enterprise' ? view.selected.id : null;

  const open = (f: OnlineFlag) => {
    setOutletFocus({ outletId: f.outletId, pollutant: f.pollutant, window: flagWindow(f, asOf), flagId: f.id });
    setViewState((s) => ({ ...s, selected: { type: 'enterprise', id: f.enterpriseId } }));
    const i = layer ? findEnterprise(layer, f.enterpriseId) : null;
    if (layer && i !== null) mapController.flyTo(layer.positions[2 * i], layer.positions[2 * i + 1], 14);
  };
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, f: OnlineFlag) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(f);
    }
  };
  const exportCsv = () =>
    downloadText(
      toCsv(flagsCsvRows(items, lang)),
      `在线监测数据异常-${asOf ?? ''}-${period}${kind ? `-${kind}` : ''}.csv`,
    );

  return (
    <section
      className="table-drawer flag-drawer"
      id="flag-list"
      aria-labelledby={`${ids}-title`}
      data-testid="flag-list"
    >
      <header className="table-head">
        <h2 id={`${ids}-title`} className="card-title">
          {t('flags.title')}
        </h2>
        {total !== undefined && (
          <span className="table-count" data-testid="flag-count" data-total={total} role="status">
            {t('flags.count', { n: fmt.int(total) })}
          </span>
        )}
        {flags.isFetching && flags.data && <span className="spinner" aria-hidden="true" />}
        <label className="flag-filter">
          <span>{t('flags.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="flag-kind">
            <option value="">{t('flags.allKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`flags.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flag-filter">
          <span>{t('flags.period')}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)} data-testid="flag-period">
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`flags.period.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="export-group">
          <button
            type="button"
            className="btn btn--small export-btn"
            onClick={exportCsv}
            disabled={items.length === 0}
            title={t('flags.exportLabel')}
            data-testid="flag-export"
          >
            {t('flags.exportCsv')}
          </button>
        </div>
        <button
          type="button"
          className="btn btn--icon"
          onClick={() => setFlagsOpen(false)}
          aria-label={t('flags.close')}
          title={t('flags.close')}
        >
          ×
        </button>
      </header>
      <p className="flag-note muted small">{t('flags.note')}</p>
      {!staff ? (
        <StateMessage kind="empty" label={t('flags.loginFirst')} />
      ) : flags.isPending ? (
        <StateMessage kind="loading" />
      ) : flags.isError ? (
        <StateMessage kind="error" error={flags.error} onRetry={() => void flags.refetch()} />
      ) : items.length === 0 ? (
        <StateMessage kind="empty" label={t('flags.empty')} />
      ) : (
        <div className="table-scroll">
          <table className="ent-table flag-table" aria-labelledby={`${ids}-title`}>
            <colgroup>
              <col className="fcol-kind" />
              <col className="fcol-enterprise" />
              <col className="fcol-outlet" />
              <col className="fcol-pollutant" />
              <col className="fcol-span" />
              <col className="fcol-evidence" />
              <col className="fcol-rules" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('flags.col.kind')}</th>
                <th scope="col">{t('flags.col.enterprise')}</th>
                <th scope="col">{t('flags.col.outlet')}</th>
                <th scope="col">{t('flags.col.pollutant')}</th>
                <th scope="col">{t('flags.col.span')}</th>
                <th scope="col">{t('flags.col.evidence')}</th>
                <th scope="col">{t('flags.col.rules')}</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, MAX_ROWS).map((f) => {
                const summary = flagSummary(f, pollutantUnit(f.pollutant), lang, (c) => pollutantName(lang, c));
                const span = `${wallText(wallClock(f.from))} – ${wallText(wallClock(f.to))}`;
                return (
                  <tr
                    key={f.id}
                    className={`ent-row flag-row${f.enterpriseId === selectedId ? ' is-selected' : ''}`}
                    data-id={f.id}
                    data-kind={f.kind}
                    data-outlet={f.outletId}
                    tabIndex={0}
                    onClick={() => open(f)}
                    onKeyDown={(e) => onKey(e, f)}
                  >
                    <td>
                      <span className="tag tag--anomaly">{t(`flags.kind.${f.kind}`)}</span>
                    </td>
                    <td lang="zh" title={f.enterpriseName}>
                      {f.enterpriseName}
                    </td>
                    <td className="mono">{f.outletCode}</td>
                    <td>{pollutantName(lang, f.pollutant)}</td>
                    <td className="mono" title={span}>
                      {span}
                    </td>
                    <td title={summary}>{summary}</td>
                    <td className="mono muted">{f.rulesVersion}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
