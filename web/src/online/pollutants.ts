/** HJ 212-2017 pollutant codes named for the reader, from the protocol's own table (domain/hj212). */
import { POLLUTANT_CODES } from '../../../server/domain/hj212';
import type { Lang } from '../state/view-state';

/** "化学需氧量" / "COD"; an unknown code stays as it is. */
export function pollutantName(lang: Lang, code: string): string {
  const n = POLLUTANT_CODES[code];
  if (!n) return code;
  return lang === 'en' ? n.en.charAt(0).toUpperCase() + n.en.slice(1) : n.zh;
}

/** The usual unit of a code ('' where it has none, e.g. pH). */
export function pollutantUnit(code: string): string {
  const u = POLLUTANT_CODES[code]?.unit ?? '';
  return u === '无量纲' ? '' : u;
}
