// Header mapping and typed cell readers. Every reader reports into the row's error list and
// keeps going, so a user sees all the problems of a row at once rather than one per attempt.
import { fromWallClock } from '../../domain/dates';
import { ImportFileError } from './errors';
import type { Cell } from './parse';
import type { RowError } from './types';

export type ColumnSpec = {
  key: string;
  /** The template header: Chinese, units in parentheses (ignored when matching). */
  header: string;
  /** Further accepted names; the key itself and its snake_case form are always accepted. */
  aliases?: string[];
  required?: boolean;
  example: string;
};

/** NFKC folds full-width letters, digits and brackets, which Chinese input methods produce. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\([^()]*\)$/u, '')
    .replace(/[\s_\-*.·/]/g, '')
    .toLowerCase();
}

export type ColumnMap = {
  index: Map<string, number>;
  /** The header as the file spells it, for error messages. */
  text: Map<string, string>;
};

function namesOf(columns: ColumnSpec[]): Map<string, ColumnSpec> {
  const byName = new Map<string, ColumnSpec>();
  for (const c of columns) {
    for (const name of [c.header, c.key, ...(c.aliases ?? [])]) byName.set(normalizeHeader(name), c);
  }
  return byName;
}

/** The column a header names, if any. */
export function matchColumn(columns: ColumnSpec[], header: string): ColumnSpec | undefined {
  return namesOf(columns).get(normalizeHeader(header));
}

export function mapHeaders(headers: string[], columns: ColumnSpec[]): ColumnMap {
  const byName = namesOf(columns);
  const index = new Map<string, number>();
  const text = new Map<string, string>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  headers.forEach((h, i) => {
    // Blank header cells are Excel's habit of trailing separators: ignore them.
    if (h.trim() === '') return;
    const col = byName.get(normalizeHeader(h));
    if (!col) unknown.push(h);
    else if (index.has(col.key)) duplicate.push(h);
    else {
      index.set(col.key, i);
      text.set(col.key, h);
    }
  });
  const missing = columns.filter((c) => c.required && !index.has(c.key));
  if (unknown.length || duplicate.length || missing.length) {
    const zh: string[] = [];
    const en: string[] = [];
    if (missing.length) {
      zh.push(`缺少必填列 ${missing.map((c) => c.header).join('、')}`);
      en.push(`missing: ${missing.map((c) => c.key).join(', ')}`);
    }
    if (unknown.length) {
      zh.push(`无法识别的列 ${unknown.map(clip).join('、')}`);
      en.push(`unknown: ${unknown.map(clip).join(', ')}`);
    }
    if (duplicate.length) {
      zh.push(`重复的列 ${duplicate.map(clip).join('、')}`);
      en.push(`duplicate: ${duplicate.map(clip).join(', ')}`);
    }
    throw new ImportFileError('bad_headers', `表头不正确：${zh.join('；')}（wrong headers: ${en.join('; ')}）`, [
      {
        path: 'columns',
        message: `${zh.join('；')}（${en.join('; ')}）`,
        missing: missing.map((c) => c.header),
        unknown: unknown.map(clip),
        duplicate: duplicate.map(clip),
        expected: columns.map((c) => ({ header: c.header, key: c.key, required: Boolean(c.required) })),
      },
    ]);
  }
  return { index, text };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

// Tabs and line breaks are legitimate inside quoted cells; other controls break exports and PostgreSQL (NUL).
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
// With the u flag only unpaired surrogates are \p{Cs}; jsonb rejects them.
const LONE_SURROGATE = /\p{Cs}/gu;

/** What an error message echoes back: short, printable, and storable in jsonb (no NUL, no lone surrogates). */
export function displayValue(v: Cell | undefined): string | null {
  if (v === undefined || v === null) return null;
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (s.length > 200) s = `${s.slice(0, 200)}…`;
  return s.replace(LONE_SURROGATE, '\uFFFD').replace(/\p{Cc}/gu, '\uFFFD');
}

/** A file name recorded, never used as a path: the last path segment, printable, bounded. */
export function sanitizeFileName(name: string | undefined | null): string {
  const base = String(name ?? '')
    .split(/[\\/]/)
    .filter((p) => p !== '' && p !== '.' && p !== '..')
    .pop();
  const clean = (base ?? '')
    .replace(LONE_SURROGATE, '')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return clean || 'upload';
}

type Opt = { required?: boolean };
const NUM = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Cell readers return undefined when the column is not in the file, null when the cell is blank. */
export class RowReader {
  ok = true;
  readonly errors: RowError[] = [];

  constructor(
    readonly row: number,
    private readonly cells: Cell[],
    private readonly columns: ColumnMap,
  ) {}

  has(key: string): boolean {
    return this.columns.index.has(key);
  }

  raw(key: string): Cell | undefined {
    const i = this.columns.index.get(key);
    return i === undefined ? undefined : (this.cells[i] ?? null);
  }

  fail(key: string | null, message: string, value?: Cell): void {
    this.ok = false;
    this.errors.push({
      row: this.row,
      column: key === null ? null : (this.columns.text.get(key) ?? key),
      value: displayValue(value === undefined && key !== null ? this.raw(key) : value),
      message,
    });
  }

  /** The cell as trimmed text; '' reads as blank. */
  private str(key: string, opt: Opt): string | null | undefined {
    const v = this.raw(key);
    if (v === undefined) {
      if (opt.required) this.fail(key, '缺少必填列（required column is missing）', null);
      return undefined;
    }
    let s: string;
    if (v === null) s = '';
    else if (v instanceof Date) s = v.toISOString();
    else s = String(v).trim();
    if (s === '') {
      if (opt.required) this.fail(key, '必填项为空（required value is missing）');
      return null;
    }
    return s;
  }

  text(key: string, opt: Opt & { max?: number } = {}): string | null | undefined {
    const s = this.str(key, opt);
    if (s === null || s === undefined) return s;
    if (CONTROL.test(s) || /\p{Cs}/u.test(s)) {
      this.fail(key, '含有控制字符或无效字符（contains control or invalid characters）');
      return null;
    }
    const max = opt.max ?? 200;
    if ([...s].length > max) {
      this.fail(key, `长度超过 ${max} 个字符（longer than ${max} characters）`);
      return null;
    }
    return s;
  }

  /** Codes: full-width folded, spaces removed, upper case. */
  code(key: string, opt: Opt & { pattern?: RegExp; hint?: string } = {}): string | null | undefined {
    const s = this.str(key, opt);
    if (s === null || s === undefined) return s;
    const c = s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    if (opt.pattern && !opt.pattern.test(c)) {
      this.fail(key, opt.hint ?? '代码格式不正确（malformed code）');
      return null;
    }
    return c;
  }

  number(
    key: string,
    opt: Opt & { min: number; max: number; integer?: boolean; percent?: boolean },
  ): number | null | undefined {
    const v = this.raw(key);
    let n: number;
    if (typeof v === 'number') n = v;
    else {
      const s = this.str(key, opt);
      if (s === null || s === undefined) return s;
      let t = s.normalize('NFKC').replace(/\s+/g, '');
      let scale = 1;
      if (opt.percent && t.endsWith('%')) {
        t = t.slice(0, -1);
        scale = 0.01;
      }
      if (!NUM.test(t)) {
        this.fail(key, '不是有效数字（not a number）');
        return null;
      }
      n = Number(t) * scale;
    }
    if (!Number.isFinite(n)) {
      this.fail(key, '不是有效数字（not a number）');
      return null;
    }
    if (opt.integer && !Number.isInteger(n)) {
      this.fail(key, '应为整数（must be an integer）');
      return null;
    }
    if (n < opt.min || n > opt.max) {
      this.fail(key, `应在 ${opt.min} 到 ${opt.max} 之间（must be between ${opt.min} and ${opt.max}）`);
      return null;
    }
    return n;
  }

  bool(key: string, opt: Opt = {}): boolean | null | undefined {
    const v = this.raw(key);
    if (typeof v === 'boolean') return v;
    const s = this.str(key, opt);
    if (s === null || s === undefined) return s;
    const t = s.normalize('NFKC').toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
    this.fail(key, '应为 是/否（must be yes/no）');
    return null;
  }

  /** One of a fixed set; `options` maps each stored value to its accepted spellings (Chinese first). */
  choice<V extends string>(key: string, options: Record<V, string[]>, opt: Opt = {}): V | null | undefined {
    const s = this.str(key, opt);
    if (s === null || s === undefined) return s;
    const t = s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
    for (const [value, names] of Object.entries(options) as [V, string[]][]) {
      if (value.toLowerCase() === t || names.some((n) => n.normalize('NFKC').replace(/\s+/g, '').toLowerCase() === t))
        return value;
    }
    const zh = (Object.values(options) as string[][]).map((n) => n[0]).join('/');
    const en = Object.keys(options).join(', ');
    this.fail(key, `应为 ${zh} 之一（must be one of ${en}）`);
    return null;
  }

  /** A civil date as YYYY-MM-DD. Excel date cells arrive as Dates at UTC midnight. */
  date(key: string, opt: Opt = {}): string | null | undefined {
    const v = this.raw(key);
    let y: number;
    let m: number;
    let d: number;
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) return this.badDate(key);
      [y, m, d] = [v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()];
    } else {
      const s = this.str(key, opt);
      if (s === null || s === undefined) return s;
      const t = s.normalize('NFKC');
      const match =
        /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t) ??
        /^(\d{4})(\d{2})(\d{2})$/.exec(t);
      if (!match) return this.badDate(key);
      [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    }
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
      return this.badDate(key);
    }
    if (y < 1980 || y > 2100) {
      this.fail(key, '日期应在 1980 至 2100 年之间（date must be between 1980 and 2100）');
      return null;
    }
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }

  /**
   * A moment in time as epoch milliseconds. Without a zone it is the bureau's time (Beijing time by
   * default), which is what a monitoring station's export means; Excel date-time cells carry the
   * wall clock in UTC fields.
   */
  datetime(key: string, opt: Opt = {}): number | null | undefined {
    const v = this.raw(key);
    let parts: number[];
    let offsetMinutes: number | null = null;
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) return this.badTime(key);
      parts = [
        v.getUTCFullYear(),
        v.getUTCMonth() + 1,
        v.getUTCDate(),
        v.getUTCHours(),
        v.getUTCMinutes(),
        v.getUTCSeconds(),
      ];
    } else {
      const s = this.str(key, opt);
      if (s === null || s === undefined) return s;
      const m =
        /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
          s.normalize('NFKC'),
        );
      if (!m) return this.badTime(key);
      parts = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
      if (m[7]) {
        const z = m[7].toUpperCase();
        offsetMinutes = z === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(-2)));
      }
    }
    const [y, mo, d, h, mi, se] = parts;
    const wall = Date.UTC(y, mo - 1, d, h, mi, se);
    const probe = new Date(wall);
    if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) {
      return this.badTime(key);
    }
    if (y < 1980 || y > 2100) {
      this.fail(key, '时间应在 1980 至 2100 年之间（time must be between 1980 and 2100）');
      return null;
    }
    return offsetMinutes === null ? fromWallClock(wall) : wall - offsetMinutes * 60_000;
  }

  private badDate(key: string): null {
    this.fail(key, '日期无效，应为 YYYY-MM-DD（invalid date: use YYYY-MM-DD）');
    return null;
  }

  private badTime(key: string): null {
    this.fail(key, '时间无效，应为 YYYY-MM-DD HH:mm（invalid time: use YYYY-MM-DD HH:mm）');
    return null;
  }
}

const TRUE = new Set(['是', '√', 'y', 'yes', 'true', '1', 't', '有', '对']);
const FALSE = new Set(['否', '×', 'x', 'n', 'no', 'false', '0', 'f', '无', '不是']);
