/**
 * One line that says what a flag's evidence shows, in the reader's language: the figures an
 * inspector checks on site (the fixed value, the band, the share under the limit, the gap's flags).
 */
import { translate } from '../i18n/translate';
import type { Lang } from '../state/view-state';

export type FlagForSummary = { kind: string; evidence: Record<string, unknown> };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Up to 4 significant digits, no trailing zeros: 23.5, 0.05, 1200. */
export function figure(v: number | null): string {
  if (v === null) return '—';
  if (v === 0) return '0';
  const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(v))));
  return String(Number(v.toFixed(Math.min(digits, 6))));
}

const pct = (x: number | null, lang: Lang) =>
  x === null
    ? '—'
    : new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(
        x,
      );

const pValue = (p: number | null) => (p === null ? '—' : p < 1e-4 ? p.toExponential(0) : figure(p));

export function flagSummary(flag: FlagForSummary, unit: string, lang: Lang, names: (code: string) => string): string {
  const e = flag.evidence;
  const hours = num(e.hours) ?? 0;
  const base = { hours, unit, min: figure(num(e.min)), max: figure(num(e.max)), mean: figure(num(e.mean)) };
  switch (flag.kind) {
    case 'constant':
      return translate(lang, 'flags.sum.constant', { ...base, value: figure(num(e.value)) });
    case 'narrow_band':
      return translate(lang, 'flags.sum.narrow_band', {
        ...base,
        range: figure(num(e.range)),
        band: figure(num(e.band)),
      });
    case 'detection_limit':
      return translate(lang, 'flags.sum.detection_limit', {
        ...base,
        dl: figure(num(e.detectionLimit)),
        bound: figure(num(e.bound)),
      });
    case 'parked_under_limit': {
      const band = Array.isArray(e.band) ? e.band.map((b) => num(b)) : [];
      return translate(lang, 'flags.sum.parked_under_limit', {
        ...base,
        share: pct(num(e.share), lang),
        baseline: pct(num(e.baselineShare), lang),
        lo: figure(band[0] ?? null),
        limit: figure(num(e.limit)),
        k: num(e.k) ?? 0,
        n: num(e.n) ?? 0,
        p: pValue(num(e.pValue)),
      });
    }
    case 'gap': {
      const counts = (e.flags ?? {}) as Record<string, unknown>;
      const parts = Object.entries(counts)
        .filter(([, n]) => typeof n === 'number')
        .sort((a, b) => (b[1] as number) - (a[1] as number))
        .map(([f, n]) => `${f === 'missing' ? translate(lang, 'flags.sum.missing') : f} ${n}`);
      return translate(lang, 'flags.sum.gap', { ...base, flags: parts.join(lang === 'en' ? ', ' : '、') || '—' });
    }
    case 'zero_flow': {
      const codes = Array.isArray(e.concentrations) ? e.concentrations.filter((c) => typeof c === 'string') : [];
      return translate(lang, 'flags.sum.zero_flow', {
        ...base,
        pollutants: codes.map((c) => names(c as string)).join(lang === 'en' ? ', ' : '、') || '—',
      });
    }
    default:
      return translate(lang, 'flags.sum.other', base);
  }
}
