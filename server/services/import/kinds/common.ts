import type { Db } from '../../../db/client';
import type { Crs } from '../../../domain/coordinates';
import { isValidUscc, orgCodeCheckChar, USCC_CHARSET, usccCheckChar } from '../../../domain/uscc';
import type { ColumnSpec, RowReader } from '../fields';
import type { Cell, GeometryTarget } from '../parse';
import type { EnterpriseRef, Need, Reference } from '../reference';
import type { ImportKind } from '../types';

export type WriteStats = {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Enterprises whose code facts changed: their codes are recomputed. */
  touched: number[];
  /** Writes beyond the rows themselves (enterprises newly placed in an imported park, …). */
  sideEffects: number;
};

/** `apply: false` plans only (dry run): the same comparison with the stored rows, no write. */
export type WriteContext = { crs: Crs; ref: Reference; now: string; apply: boolean };

export type KindSpec<R> = {
  kind: ImportKind;
  /** For messages: 企业 / enterprise. */
  label: { zh: string; en: string };
  columns: ColumnSpec[];
  geometry?: GeometryTarget;
  needs: Need[];
  /** Loads what the rows refer to (enterprises by USCC, sections by code) before validation. */
  prepare?: (db: Db, ref: Reference, values: (key: string) => Cell[]) => Promise<void>;
  validate: (r: RowReader, ref: Reference) => R | null;
  /** Natural key: two rows with the same key in one file are a duplicate. */
  key: (rec: R) => string;
  keyColumn: string;
  write: (db: Db, recs: R[], ctx: WriteContext) => Promise<WriteStats>;
};

export const defineKind = <R>(spec: KindSpec<R>): KindSpec<R> => spec;

export const emptyStats = (): WriteStats => ({ inserted: 0, updated: 0, unchanged: 0, touched: [], sideEffects: 0 });

/** A well-formed example code for templates (柯城区 region code, valid GB 11714 and USCC checks). */
export function exampleUscc(region = '330802', body = 'MA2DC4F5'): string {
  const first17 = `91${region}${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

export const usccColumn = (required = true): ColumnSpec => ({
  key: 'uscc',
  header: '统一社会信用代码',
  aliases: ['社会信用代码', '信用代码', 'creditCode', '统一代码'],
  required,
  example: exampleUscc(),
});

export const lonColumn = (required: boolean, example: string): ColumnSpec => ({
  key: 'lon',
  header: '经度',
  aliases: ['lng', 'longitude', 'x'],
  required,
  example,
});
export const latColumn = (required: boolean, example: string): ColumnSpec => ({
  key: 'lat',
  header: '纬度',
  aliases: ['latitude', 'y'],
  required,
  example,
});

export const POINT_KEYS = { lon: 'lon', lat: 'lat' } as const;
export const POINT_GEOMETRY: GeometryTarget = { point: { lon: 'lon', lat: 'lat' } };

/** Structure, characters and check character, each with its own message. */
export function readUscc(r: RowReader, key = 'uscc', opt: { required?: boolean } = {}): string | null | undefined {
  const c = r.code(key, opt);
  if (c === null || c === undefined) return c;
  if (c.length !== 18) r.fail(key, `统一社会信用代码应为 18 位，实为 ${c.length} 位（USCC must have 18 characters）`);
  else if ([...c].some((ch) => !USCC_CHARSET.includes(ch))) {
    r.fail(key, '统一社会信用代码含有不允许的字符（不含 I、O、Z、S、V）（USCC contains characters not allowed）');
  } else if (!isValidUscc(c)) r.fail(key, '统一社会信用代码校验位错误（wrong USCC check character）');
  else return c;
  return null;
}

/** The enterprise a fact belongs to; it must have been imported before. */
export function readEnterprise(
  r: RowReader,
  ref: Reference,
  opt: { required?: boolean } = {},
): EnterpriseRef | null | undefined {
  const uscc = readUscc(r, 'uscc', opt);
  if (uscc === null || uscc === undefined) return uscc;
  const e = ref.enterpriseByUscc.get(uscc);
  if (!e) {
    r.fail('uscc', '系统中没有该企业，请先导入企业（enterprise not found: import enterprises first）');
    return null;
  }
  return e;
}

export const prepareEnterprises: KindSpec<unknown>['prepare'] = async (db, ref, values) => {
  const codes = values('uscc').map((v) =>
    v === null ? '' : String(v).normalize('NFKC').replace(/\s+/g, '').toUpperCase(),
  );
  await ref.loadEnterprises(db, codes);
};

export function readPhone(r: RowReader, key: string): string | null | undefined {
  const s = r.text(key, { max: 40 });
  if (s === null || s === undefined) return s;
  const t = s.normalize('NFKC').replace(/\s+/g, '');
  if (!/^[0-9+\-()#,;转]{5,30}$/.test(t)) {
    r.fail(key, '电话号码格式不正确（malformed phone number）');
    return null;
  }
  return t;
}

/** Readers return undefined for an absent column: keep what is stored, else take the default. */
export function pick<T>(given: T | undefined, stored: T | undefined, fallback: T): T {
  if (given !== undefined) return given;
  if (stored !== undefined) return stored;
  return fallback;
}

/** float4 columns store 24-bit mantissas: compare at that precision or every re-import looks changed. */
export const sameReal = (a: number | null | undefined, b: number | null | undefined) =>
  (a ?? null) === null || (b ?? null) === null
    ? (a ?? null) === (b ?? null)
    : Math.fround(a as number) === Math.fround(b as number);

export function sameRow(
  stored: Record<string, unknown>,
  next: Record<string, unknown>,
  keys: string[],
  reals: string[] = [],
) {
  for (const k of keys) {
    const a = stored[k];
    const b = next[k];
    if (reals.includes(k)) {
      if (!sameReal(a as number | null, b as number | null)) return false;
    } else if (typeof a === 'number' || typeof b === 'number') {
      if (Number(a) !== Number(b) || (a === null) !== (b === null)) return false;
    } else if (typeof b === 'object' && b !== null) {
      if (JSON.stringify(a) !== JSON.stringify(b)) return false;
    } else if ((a ?? null) !== (b ?? null)) return false;
  }
  return true;
}

export function chunked<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
