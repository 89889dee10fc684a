/**
 * 双随机抽查: a logged-in analyst picks the quarter, the yellow sampling rate and optionally a
 * seed; the server draws the list (all red + a seeded random share of yellow) and stores it.
 * The seed is shown large so the draw can be repeated and checked; the list exports to CSV.
 */
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { useHealth } from '../api/get-health';
import { useRegions } from '../api/get-regions';
import { type EnterpriseItem, useEnterpriseList } from '../api/list-enterprises';
import { type InspectionPlan, usePlanInspections } from '../api/plan-inspections';
import { LoginDialog } from '../auth/LoginDialog';
import { useSession } from '../auth/session';
import { stopEscape } from '../auth/stop-escape';
import { CodeSymbol } from '../components/CodeSymbol';
import { StateMessage } from '../components/StateMessage';
import { type T, useI18n } from '../i18n/use-i18n';
import { describeIssue, type Issue, pickLanguage } from '../panels/basin/issues';
import { EMPTY_FILTERS, type Filters, hasActiveFilter } from '../state/view-state';
import { setViewState, useViewState } from '../state/view-store';
import { downloadText, toCsv } from '../table/csv';
import { FlaggedPlanList } from './FlaggedPlanList';
import { quarterChoices, quarterOf } from './quarters';
import '../auth/auth.css';
import './plan.css';

const CANDIDATES: Filters = { ...EMPTY_FILTERS, colours: ['red', 'yellow'] };
const MAX_SEED = 2_147_483_647;

function downloadCsv(plan: InspectionPlan, byId: Map<number, EnterpriseItem>, counties: Map<string, string>, t: T) {
  const flaggedBy = new Map(plan.flagged.map((f) => [f.id, f]));
  const anomaly = (id: number) => {
    const f = flaggedBy.get(id);
    return f
      ? t('plan.flaggedReason', { kinds: f.kinds.map((k) => t(`flags.kind.${k}` as 'flags.kind.gap')).join('、') })
      : '';
  };
  const row = (id: number, group: string, reason: string) => {
    const e = byId.get(id);
    const f = flaggedBy.get(id);
    return [
      plan.period,
      plan.seed,
      group,
      [reason, anomaly(id)].filter(Boolean).join('；'),
      e?.uscc ?? f?.uscc ?? '',
      e?.name ?? f?.name ?? `#${id}`,
      e ? (counties.get(e.countyCode) ?? e.countyCode) : '',
      e?.address ?? '',
      e?.score ?? '',
    ];
  };
  const red = new Set(plan.red);
  const rows = [
    ['抽查季度', '随机种子', '类别', '纳入原因', '统一社会信用代码', '企业名称', '区县', '地址', '得分'],
    ...plan.red.map((id) => row(id, t('plan.csvRed'), t('plan.reasonRed'))),
    ...plan.sampledYellow.map((id) => row(id, t('plan.csvYellow'), t('plan.reasonYellow'))),
    ...plan.flagged.filter((f) => !red.has(f.id)).map((f) => row(f.id, t('plan.csvFlagged'), '')),
  ];
  downloadText(toCsv(rows), `双随机抽查名单-${plan.period}-种子${plan.seed}.csv`);
}

function PlanList({
  ids,
  byId,
  colour,
  title,
  testId,
  onPick,
}: {
  ids: number[];
  byId: Map<number, EnterpriseItem>;
  colour: 'red' | 'yellow';
  title: string;
  testId: string;
  onPick: (e: EnterpriseItem) => void;
}) {
  const { t, fmt } = useI18n();
  return (
    <section className="plan-list" aria-label={title}>
      <h3>
        <CodeSymbol colour={colour} size={14} /> {title}
        <span className="count-badge">{t('plan.count', { n: fmt.int(ids.length) })}</span>
      </h3>
      <ol data-testid={testId}>
        {ids.map((id, i) => {
          const e = byId.get(id);
          return (
            <li key={id} data-id={id}>
              <span className="plan-no" aria-hidden="true">
                {i + 1}.
              </span>
              {e ? (
                <button type="button" className="btn--link plan-name" lang="zh" onClick={() => onPick(e)}>
                  {e.name}
                </button>
              ) : (
                <span className="muted">#{id}</span>
              )}
              <span className="mono muted">{e?.uscc}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function PlanDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang, fmt } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const session = useSession();
  const dataVersion = useHealth().data?.dataVersion;
  const counties = useRegions('county');
  const plan = usePlanInspections();
  const choices = useMemo(() => quarterChoices(new Date()), []);
  const [period, setPeriod] = useState(() => quarterOf(new Date()));
  const [rate, setRate] = useState('20');
  const [seed, setSeed] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [loginOpen, setLoginOpen] = useState(false);
  const names = useEnterpriseList(CANDIDATES, dataVersion, plan.data !== undefined);
  // The draw covers the whole city by design (every red, a share of every yellow): say so when the
  // map is filtered, rather than let a county filter look as if it applied.
  const { filters } = useViewState();
  const filtered = hasActiveFilter(filters);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);

  const byId = useMemo(() => new Map((names.data?.items ?? []).map((e) => [e.id, e])), [names.data]);
  const countyNames = useMemo(
    () => new Map(counties.data?.features.map((f) => [f.properties.code, f.properties.name]) ?? []),
    [counties.data],
  );
  const loggedIn = Boolean(session.data?.user);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = Number(rate);
    if (rate.trim() === '' || !Number.isFinite(r) || r < 0 || r > 100) return setLocalError(t('plan.invalidRate'));
    const s = seed.trim() === '' ? undefined : Number(seed);
    if (s !== undefined && (!Number.isInteger(s) || s < 0 || s > MAX_SEED)) return setLocalError(t('plan.invalidSeed'));
    setLocalError(null);
    plan.mutate({ input: { period, yellowRate: r / 100, ...(s === undefined ? {} : { seed: s }) }, me: session.data });
  };
  const apiError = plan.error
    ? plan.error instanceof ApiError && plan.error.details.length
      ? (plan.error.details as Issue[]).map((d) => describeIssue(d, t, lang)).join('；')
      : pickLanguage(plan.error.message, lang)
    : null;
  const result = plan.data;
  const pickId = (id: number) => {
    setViewState((s) => ({ ...s, selected: { type: 'enterprise', id } }));
    onClose();
  };
  const pick = (e: EnterpriseItem) => pickId(e.id);

  return (
    <dialog
      ref={ref}
      className="dialog plan-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={stopEscape}
      data-testid="plan-dialog"
    >
      <div className="dialog-body">
        <div className="plan-head">
          <h2 id={titleId} className="dialog-title">
            {t('plan.title')}
          </h2>
          <button type="button" className="btn btn--icon" onClick={onClose} aria-label={t('plan.close')}>
            ×
          </button>
        </div>
        <p className="muted small">{t('plan.intro')}</p>
        {filtered && (
          <p className="plan-note" role="note" data-testid="plan-citywide">
            {t('plan.citywide')}
          </p>
        )}
        {!loggedIn ? (
          <div className="plan-login">
            <p>{t('plan.loginFirst')}</p>
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setLoginOpen(true)}
              data-testid="plan-login"
            >
              {t('auth.login')}
            </button>
            {loginOpen && <LoginDialog open={loginOpen} onClose={() => setLoginOpen(false)} />}
          </div>
        ) : (
          <form className="plan-form" onSubmit={submit}>
            <label className="text-field">
              <span>{t('plan.quarter')}</span>
              <select value={period} onChange={(e) => setPeriod(e.target.value)} data-testid="plan-quarter">
                {choices.map((q) => (
                  <option key={q} value={q}>
                    {q}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-field">
              <span>{t('plan.yellowRate')}</span>
              <input
                type="number"
                min={0}
                max={100}
                step="any"
                value={rate}
                onChange={(e) => setRate(e.target.value)}
                data-testid="plan-rate"
              />
            </label>
            <label className="text-field">
              <span>{t('plan.seed')}</span>
              <input
                type="number"
                min={0}
                max={MAX_SEED}
                step={1}
                placeholder={t('plan.seedPlaceholder')}
                value={seed}
                onChange={(e) => setSeed(e.target.value)}
                data-testid="plan-seed"
              />
            </label>
            <button
              type="submit"
              className="btn btn--primary plan-submit"
              disabled={plan.isPending}
              data-testid="plan-generate"
            >
              {plan.isPending ? t('plan.generating') : t('plan.generate')}
            </button>
          </form>
        )}
        {(localError || apiError) && (
          <p className="form-error" role="alert">
            {localError ?? apiError}
          </p>
        )}
        {result && (
          <div className="plan-result" data-testid="plan-result" aria-live="polite">
            <p className="plan-seed" data-testid="plan-seed-shown" data-seed={result.seed}>
              {t('plan.seedShown', { seed: result.seed })}
            </p>
            <p className="muted small">
              {t('plan.planId', { id: result.planId, period: result.period, pct: fmt.pct(result.yellowRate) })}
            </p>
            {names.isPending ? (
              <StateMessage kind="loading" />
            ) : names.isError ? (
              <StateMessage kind="error" error={names.error} onRetry={() => void names.refetch()} />
            ) : (
              <>
                <div className="plan-lists">
                  <PlanList
                    ids={result.red}
                    byId={byId}
                    colour="red"
                    title={t('plan.red')}
                    testId="plan-red"
                    onPick={pick}
                  />
                  <PlanList
                    ids={result.sampledYellow}
                    byId={byId}
                    colour="yellow"
                    title={t('plan.yellow')}
                    testId="plan-yellow"
                    onPick={pick}
                  />
                </div>
                {result.flagged.length > 0 && <FlaggedPlanList flagged={result.flagged} onPick={pickId} />}
                <button
                  type="button"
                  className="btn plan-export"
                  onClick={() => downloadCsv(result, byId, countyNames, t)}
                  data-testid="plan-export"
                >
                  {t('plan.export')}
                </button>
              </>
            )}
          </div>
        )}
      </div>
    </dialog>
  );
}
