/**
 * What-if for one agreement: the analyst edits an indicator's annual mean and sees P, the payer
 * and the amount change live (POST /api/compensation/assess, debounced; nothing is saved).
 */
import { useMemo, useState } from 'react';
import { type AssessInput, useAssessCompensation } from '../../api/assess-compensation';
import { ApiError } from '../../api/client';
import type { CompensationAgreement } from '../../api/get-compensation';
import { useDebounced } from '../../components/use-debounced';
import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/use-i18n';
import { StatusTag } from './AgreementCard';
import { formatP, formatWan, parties } from './compensation-format';
import { describeIssue, type Issue } from './issues';

const INDICATOR_DIGITS: Record<string, number> = { codmn: 2, nh3n: 3, tp: 4, do: 2 };
const round = (x: number, d: number) => Number(x.toFixed(d));

export function WhatIf({ agreement: a }: { agreement: CompensationAgreement }) {
  const { t, lang, place } = useI18n();
  const initial = useMemo(
    () =>
      Object.fromEntries(
        a.indicators.map((k) => [
          k,
          a.means[k] === undefined ? '' : String(round(a.means[k], INDICATOR_DIGITS[k] ?? 3)),
        ]),
      ),
    [a],
  );
  const [text, setText] = useState<Record<string, string>>(initial);
  const label = (k: string) => {
    const key = `indicator.${k}` as MessageKey;
    return t(key) === key ? k : t(key);
  };

  // Inputs that are not numbers are caught here, in words, before anything is sent.
  const localIssues: string[] = [];
  const means: Record<string, number> = {};
  for (const k of a.indicators) {
    const v = text[k]?.trim() ?? '';
    const n = Number(v);
    if (v === '' || !Number.isFinite(n))
      localIssues.push(t('basin.notNumber', { field: t('basin.field.mean', { indicator: label(k) }) }));
    else means[k] = n;
  }
  const input: AssessInput | null =
    localIssues.length > 0
      ? null
      : {
          k0: a.k0,
          weights: a.weights,
          baseline: a.baseline,
          means,
          amount: a.contractAmount,
          coverage: a.coverage,
          projected: a.status === 'projected',
        };
  const debounced = useDebounced(input, 200);
  const result = useAssessCompensation(localIssues.length > 0 ? null : debounced);
  const edited = a.indicators.some((k) => text[k] !== initial[k]);

  const apiIssues: string[] =
    result.error instanceof ApiError
      ? result.error.details.length
        ? (result.error.details as Issue[]).map((d) => describeIssue(d, t, lang))
        : [result.error.message]
      : result.error
        ? [result.error.message]
        : [];
  const issues = localIssues.length ? localIssues : apiIssues;
  const scenario = issues.length === 0 && result.data ? result.data : null;
  const actual = parties(a, a.direction);
  const next = scenario ? parties(a, scenario.direction) : null;
  const flipped = scenario !== null && scenario.direction !== a.direction;

  return (
    <div className="what-if" data-testid="what-if">
      <table className="what-if-table">
        <caption className="sr-only">{t('basin.whatIf')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('basin.indicator')}</th>
            <th scope="col">{t('basin.baseline')}</th>
            <th scope="col">{t('basin.mean')}</th>
            <th scope="col">C / C0</th>
          </tr>
        </thead>
        <tbody>
          {a.indicators.map((k) => {
            const n = Number(text[k]);
            const ratio = Number.isFinite(n) && a.baseline[k] ? n / a.baseline[k] : null;
            return (
              <tr key={k}>
                <th scope="row">{label(k)}</th>
                <td className="num">{a.baseline[k]?.toFixed(INDICATOR_DIGITS[k] ?? 3) ?? '—'}</td>
                <td>
                  <input
                    type="number"
                    inputMode="decimal"
                    min={0}
                    step="any"
                    className={`what-if-input${text[k] !== initial[k] ? ' is-edited' : ''}`}
                    value={text[k] ?? ''}
                    onChange={(e) => setText((s) => ({ ...s, [k]: e.target.value }))}
                    aria-label={t('basin.meanInput', { indicator: label(k) })}
                    data-testid={`mean-${k}`}
                  />
                </td>
                <td className={`num${ratio !== null && ratio > 1 ? ' warn' : ''}`}>
                  {ratio === null ? '—' : ratio.toFixed(3)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">
        K0 = {a.k0} · {t('basin.field.amount')} {formatWan(a.contractAmount, lang)}
      </p>

      {issues.length > 0 && (
        <div className="what-if-issues" role="alert" data-testid="what-if-errors">
          <strong>{t('basin.invalid')}</strong>
          <ul>
            {issues.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}

      <div className="what-if-compare" aria-live="polite">
        <div className="what-if-col">
          <span className="what-if-head">{t('basin.current')}</span>
          <span className="what-if-p">P {formatP(a.P)}</span>
          <span>
            {actual
              ? t('basin.pays', { payer: place(actual.payer), payee: place(actual.payee) })
              : t('basin.noPayment')}
          </span>
          <span className="what-if-amount">{actual ? formatWan(a.grossAmount, lang) : '—'}</span>
          <StatusTag status={a.status} />
        </div>
        <div
          className={`what-if-col what-if-col--scenario${flipped ? ' is-flipped' : ''}`}
          aria-busy={result.isFetching}
        >
          <span className="what-if-head">{t('basin.scenario')}</span>
          <span className="what-if-p" data-testid="what-if-p">
            P {scenario ? formatP(scenario.P) : '—'}
          </span>
          <span data-testid="what-if-payer">
            {scenario
              ? next
                ? t('basin.pays', { payer: place(next.payer), payee: place(next.payee) })
                : t('basin.noPayment')
              : result.isPending
                ? t('basin.computing')
                : '—'}
          </span>
          <span className="what-if-amount">{scenario && next ? formatWan(scenario.amount, lang) : '—'}</span>
          {scenario && <StatusTag status={scenario.status} />}
        </div>
      </div>
      {flipped && (
        <p className="what-if-flip" data-testid="what-if-flipped">
          ⇄ {t('basin.flipped')}
        </p>
      )}
      <button type="button" className="btn btn--small btn--ghost" disabled={!edited} onClick={() => setText(initial)}>
        {t('basin.reset')}
      </button>
    </div>
  );
}
