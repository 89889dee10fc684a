/**
 * One outlet in the enterprise panel (staff): its code, medium and logger MN, a pollutant
 * selector and that pollutant's hourly chart over a period — the last 30 days of data by
 * default, or a flag's span when the flag list sent the reader here — and the flags it shows.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useOutletSeries } from '../api/get-outlet-series';
import type { OnlineFlag } from '../api/list-online-flags';
import type { Outlet } from '../api/list-outlets';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { figure, flagSummary } from './flag-summary';
import { OutletChart } from './OutletChart';
import { type DayWindow, defaultWindow, seriesModel, wallClock, wallText, windowBounds } from './outlet-chart-model';
import { useOutletFocus } from './outlet-focus';
import { pollutantName } from './pollutants';

/** The pollutant a chart opens on: the first with a permit limit (a concentration), else the first. */
const firstPollutant = (o: Outlet) => (o.pollutants.find((p) => p.limit !== null) ?? o.pollutants[0])?.code ?? '';

export function OutletCard({
  outlet,
  flags,
  asOf,
  dataVersion,
}: {
  outlet: Outlet;
  flags: OnlineFlag[];
  asOf: string;
  dataVersion: number | undefined;
}) {
  const { t, lang } = useI18n();
  const selectId = useId();
  const focus = useOutletFocus();
  const latest = useMemo(() => defaultWindow(asOf), [asOf]);
  const [pollutant, setPollutant] = useState(() => firstPollutant(outlet));
  const [window, setWindow] = useState<DayWindow>(latest);
  const [highlight, setHighlight] = useState<number | null>(null);
  const card = useRef<HTMLElement>(null);

  // A click in the flag list: open this outlet on the flag's pollutant and span.
  useEffect(() => {
    if (focus?.outletId !== outlet.id) return;
    setPollutant(focus.pollutant);
    setWindow(focus.window);
    setHighlight(focus.flagId);
    card.current?.scrollIntoView({ block: 'start' });
  }, [focus, outlet.id]);

  const series = useOutletSeries(outlet.id, window, dataVersion);
  const meta = outlet.pollutants.find((p) => p.code === pollutant) ?? outlet.pollutants[0];
  const model = useMemo(
    () => seriesModel(series.data?.points ?? [], pollutant, flags),
    [series.data, pollutant, flags],
  );
  const name = pollutantName(lang, pollutant);
  const unit = meta?.unit ?? '';
  const limit = meta?.limit ?? null;
  const isLatest = window.from === latest.from && window.to === latest.to;
  const bounds = windowBounds(window);
  const shownFlags = model.flagSpans.filter((f) => f.to > bounds.from && f.from < bounds.to);
  const flagById = new Map(flags.map((f) => [f.id, f]));

  return (
    <article
      ref={card}
      className="outlet-card"
      data-testid="outlet-card"
      data-outlet={outlet.id}
      aria-labelledby={`${selectId}-h`}
    >
      <header className="outlet-head">
        <h4 id={`${selectId}-h`}>
          <span className="mono">{outlet.code}</span> {outlet.name && <span lang="zh">{outlet.name}</span>}
        </h4>
        <span className="tag">{t(`outlets.medium.${outlet.medium}`)}</span>
        {flags.length > 0 && (
          <span className="tag tag--anomaly" data-testid="outlet-flag-count">
            {t('outlets.flagCount', { n: flags.length })}
          </span>
        )}
      </header>
      <p className="muted small">
        {t('outlets.mn')} <span className="mono">{outlet.mn}</span>
      </p>
      <div className="outlet-controls">
        <label className="text-field" htmlFor={selectId}>
          <span>{t('outlets.pollutant')}</span>
          <select
            id={selectId}
            value={pollutant}
            onChange={(e) => {
              setPollutant(e.target.value);
              setHighlight(null);
            }}
            data-testid="outlet-pollutant"
          >
            {outlet.pollutants.map((p) => (
              <option key={p.code} value={p.code}>
                {pollutantName(lang, p.code)}
              </option>
            ))}
          </select>
        </label>
        {!isLatest && (
          <button
            type="button"
            className="btn btn--small"
            onClick={() => {
              setWindow(latest);
              setHighlight(null);
            }}
            data-testid="outlet-latest"
          >
            {t('outlets.latestWindow')}
          </button>
        )}
      </div>
      <p className="muted small" data-testid="outlet-window">
        {t('outlets.windowValue', { from: window.from, to: window.to })} ·{' '}
        {limit === null ? t('outlets.noLimit') : t('outlets.limit', { limit: figure(limit), unit })}
      </p>
      {series.isPending ? (
        <StateMessage kind="loading" label={t('outlets.loading')} />
      ) : series.isError ? (
        <StateMessage kind="error" error={series.error} onRetry={() => void series.refetch()} />
      ) : model.line.length === 0 && model.invalid.length === 0 ? (
        <StateMessage kind="empty" label={t('outlets.empty', { pollutant: name })} />
      ) : (
        <>
          <OutletChart
            model={model}
            window={window}
            limit={limit}
            unit={unit}
            highlightFlag={highlight}
            label={t('outlets.chartLabel', {
              outlet: outlet.code,
              pollutant: name,
              from: window.from,
              to: window.to,
              limit: limit === null ? '—' : `${figure(limit)} ${unit}`,
            })}
          />
          <p className="outlet-legend small">
            <span>
              <span className="swatch swatch--invalid" aria-hidden="true" /> {t('outlets.legendInvalid')}
            </span>
            <span>
              <span className="swatch swatch--flag" aria-hidden="true" /> {t('outlets.legendFlag')}
            </span>
          </p>
          <p className="muted small" data-testid="outlet-hours">
            {t('outlets.hours', { valid: model.validHours, invalid: model.invalidHours })}
          </p>
        </>
      )}
      {shownFlags.length > 0 && (
        <section className="outlet-flags" aria-label={t('outlets.flagsHere')}>
          <h5>{t('outlets.flagsHere')}</h5>
          <ul>
            {shownFlags.map((s) => {
              const f = flagById.get(s.id);
              if (!f) return null;
              return (
                <li key={s.id} className={s.id === highlight ? 'is-focused' : undefined} data-flag={s.id}>
                  <strong className="anomaly-text">{t(`flags.kind.${f.kind}`)}</strong>{' '}
                  <span className="mono small">
                    {wallText(wallClock(f.from))} – {wallText(wallClock(f.to))}
                  </span>
                  <br />
                  <span className="small">{flagSummary(f, unit, lang, (c) => pollutantName(lang, c))}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </article>
  );
}
