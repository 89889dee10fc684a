// HJ 212-2017 (污染物在线监控（监测）系统数据传输标准): framing, CRC, the data segment and the
// platform's data answer. Pure: bytes and strings in, values out; the TCP side is services/online.
//
// A packet is `##` + the data segment's length as 4 decimal digits + the data segment + its CRC16
// as 4 upper-case hex digits + `\r\n`. The data segment is
// `QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;CP=&&…&&`, the payload (CP) being `;`-separated groups of
// `,`-separated `code-Field=value` items.

/** HJ 212's CRC16 (register 0xFFFF, reflected polynomial 0xA001, high byte folded in first). */
export function crc16(data: Uint8Array | string): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let crc = 0xffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = (crc >> 8) ^ bytes[i];
    for (let k = 0; k < 8; k++) {
      const lsb = crc & 1;
      crc >>= 1;
      if (lsb) crc ^= 0xa001;
    }
  }
  return crc;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** The largest data segment the 4-digit length can announce. */
export const MAX_DATA_LENGTH = 9999;

/** Wraps a data segment into a packet: `##`, length, segment, CRC, CRLF. */
export function buildFrame(dataSegment: string): string {
  const bytes = Buffer.from(dataSegment, 'utf8');
  if (bytes.length > MAX_DATA_LENGTH) throw new RangeError(`data segment too long: ${bytes.length} bytes`);
  return `##${String(bytes.length).padStart(4, '0')}${dataSegment}${hex4(crc16(bytes))}\r\n`;
}

export type FrameProblem = 'garbage' | 'bad_length' | 'oversize' | 'bad_trailer' | 'bad_crc';

export type FramerEvent =
  | { type: 'frame'; data: string }
  | { type: 'error'; problem: FrameProblem; bytes: number; sample: string };

const HEADER = 6; // '##' + 4 digits
const TRAILER = 6; // 4 hex + CRLF
const HASH = 0x23;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/**
 * Cuts a byte stream into packets by their header, whatever the TCP reads look like: one read may
 * hold several packets or part of one. Anything that is not a packet is reported and skipped up
 * to the next `##`. The buffer never holds more than one packet of `maxDataLength` plus its frame,
 * so a peer that never finishes a packet cannot make it grow.
 */
export class Hj212Framer {
  private buf: Buffer = Buffer.alloc(0);
  readonly maxDataLength: number;

  constructor(opts: { maxDataLength?: number } = {}) {
    this.maxDataLength = Math.min(opts.maxDataLength ?? MAX_DATA_LENGTH, MAX_DATA_LENGTH);
  }

  /** Bytes held while waiting for the rest of a packet. */
  get buffered(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): FramerEvent[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const events: FramerEvent[] = [];
    let pos = 0;
    const buf = this.buf;
    const skip = (problem: FrameProblem, to: number) => {
      events.push({ type: 'error', problem, bytes: to - pos, sample: sampleOf(buf, pos, to) });
      pos = to;
    };
    while (pos < buf.length) {
      const start = buf.indexOf('##', pos, 'latin1');
      if (start < 0) {
        // Keep a trailing '#': it may be the first half of the next header.
        const keep = buf[buf.length - 1] === HASH ? 1 : 0;
        if (buf.length - keep > pos) skip('garbage', buf.length - keep);
        break;
      }
      if (start > pos) skip('garbage', start);
      if (buf.length - pos < HEADER) break;
      let digits = true;
      for (let i = pos + 2; i < pos + HEADER; i++) digits &&= isDigit(buf[i]);
      if (!digits) {
        skip('bad_length', pos + 1);
        continue;
      }
      const length = Number(buf.toString('latin1', pos + 2, pos + HEADER));
      if (length > this.maxDataLength) {
        skip('oversize', pos + 1);
        continue;
      }
      const end = pos + HEADER + length + TRAILER;
      if (buf.length < end) break;
      if (buf[end - 2] !== 0x0d || buf[end - 1] !== 0x0a) {
        // A wrong length or a cut packet: resynchronise on the next header inside it.
        skip('bad_trailer', pos + 1);
        continue;
      }
      const data = buf.subarray(pos + HEADER, pos + HEADER + length);
      const crcText = buf.toString('latin1', end - TRAILER, end - 2);
      if (!/^[0-9A-Fa-f]{4}$/.test(crcText) || Number.parseInt(crcText, 16) !== crc16(data)) {
        skip('bad_crc', end);
        continue;
      }
      events.push({ type: 'frame', data: data.toString('utf8') });
      pos = end;
    }
    this.buf = pos >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(pos));
    return events;
  }
}

function sampleOf(buf: Buffer, from: number, to: number): string {
  // Printable ASCII only: the sample goes into logs.
  return buf
    .toString('latin1', from, Math.min(to, from + 64))
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 64);
}

// ——— data segment ———

export type DataSegment = {
  qn: string | null;
  st: string;
  cn: string;
  pw: string;
  mn: string;
  /** Flag bits: bit0 answer wanted, bit1 split packet, bits 2–7 protocol version. */
  flag: number;
  pnum: number | null;
  pno: number | null;
  /** CP payload: plain `Key=value` items (DataTime, RtdInterval, …). */
  fields: Record<string, string>;
  /** CP payload: `code-Field=value` items by pollutant code, e.g. w01018 → { Avg: '21.5', Flag: 'N' }. */
  pollutants: Map<string, Record<string, string>>;
};

export class Hj212ParseError extends Error {}

const HEADER_KEYS = new Set(['QN', 'ST', 'CN', 'PW', 'MN', 'Flag', 'PNUM', 'PNO']);
const CODE_FIELD = /^([A-Za-z0-9]{1,16})-([A-Za-z]{1,16})$/;

/** Parses a data segment (the text between the length and the CRC). Throws Hj212ParseError. */
export function parseDataSegment(text: string): DataSegment {
  const cpAt = text.indexOf('CP=&&');
  if (cpAt < 0) throw new Hj212ParseError('no CP=&&…&& payload');
  const cpEnd = text.lastIndexOf('&&');
  if (cpEnd < cpAt + 5) throw new Hj212ParseError('CP payload not closed with &&');
  if (text.slice(cpEnd + 2).trim() !== '') throw new Hj212ParseError('text after the CP payload');
  const head: Record<string, string> = {};
  for (const item of text.slice(0, cpAt).split(';')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    if (!HEADER_KEYS.has(key)) throw new Hj212ParseError(`unknown header field ${JSON.stringify(key.slice(0, 16))}`);
    if (key in head) throw new Hj212ParseError(`header field ${key} given twice`);
    head[key] = item.slice(eq + 1);
  }
  for (const key of ['ST', 'CN', 'PW', 'MN', 'Flag'] as const) {
    if (!head[key]) throw new Hj212ParseError(`missing ${key}`);
  }
  if (head.QN !== undefined && !/^\d{17}$/.test(head.QN)) throw new Hj212ParseError('QN is not yyyyMMddHHmmssSSS');
  if (!/^\d{2}$/.test(head.ST)) throw new Hj212ParseError('ST is not 2 digits');
  if (!/^\d{1,4}$/.test(head.CN)) throw new Hj212ParseError('CN is not a number of up to 4 digits');
  if (!/^[\x21-\x7e]{1,16}$/.test(head.PW)) throw new Hj212ParseError('PW is not 1–16 printable characters');
  if (!/^[0-9A-Za-z]{1,24}$/.test(head.MN)) throw new Hj212ParseError('MN is not 1–24 letters or digits');
  if (!/^\d{1,3}$/.test(head.Flag) || Number(head.Flag) > 255) throw new Hj212ParseError('Flag is not 0–255');
  const optionalInt = (v: string | undefined, name: string) => {
    if (v === undefined) return null;
    if (!/^\d{1,4}$/.test(v)) throw new Hj212ParseError(`${name} is not a number`);
    return Number(v);
  };

  const fields: Record<string, string> = {};
  const pollutants = new Map<string, Record<string, string>>();
  for (const group of text.slice(cpAt + 5, cpEnd).split(';')) {
    for (const item of group.split(',')) {
      if (item === '') continue;
      const eq = item.indexOf('=');
      if (eq <= 0) throw new Hj212ParseError(`payload item without key=value: ${JSON.stringify(item.slice(0, 32))}`);
      const key = item.slice(0, eq);
      const value = item.slice(eq + 1);
      const m = CODE_FIELD.exec(key);
      if (m) {
        const p = pollutants.get(m[1]) ?? {};
        pollutants.set(m[1], p);
        p[m[2]] = value;
      } else if (/^[A-Za-z][A-Za-z0-9]{0,31}$/.test(key)) {
        fields[key] = value;
      } else {
        throw new Hj212ParseError(`bad payload key ${JSON.stringify(key.slice(0, 32))}`);
      }
    }
  }
  return {
    qn: head.QN ?? null,
    st: head.ST,
    cn: head.CN,
    pw: head.PW,
    mn: head.MN,
    flag: Number(head.Flag),
    pnum: optionalInt(head.PNUM, 'PNUM'),
    pno: optionalInt(head.PNO, 'PNO'),
    fields,
    pollutants,
  };
}

export const wantsAnswer = (seg: Pick<DataSegment, 'flag'>) => (seg.flag & 1) === 1;

/**
 * The platform's data answer (CN 9014): echoes QN, ST 91, the sender's PW and MN, and its Flag
 * without the answer and split bits (the protocol version stays).
 */
export function buildDataAnswer(seg: Pick<DataSegment, 'qn' | 'pw' | 'mn' | 'flag'>): string {
  const qn = seg.qn ? `QN=${seg.qn};` : '';
  return buildFrame(`${qn}ST=91;CN=9014;PW=${seg.pw};MN=${seg.mn};Flag=${seg.flag & ~3};CP=&&&&`);
}

// ——— upload commands ———

export type UploadKind = 'rtd' | 'minute' | 'hour' | 'day';

/** The upload commands the platform stores, and what each one carries. */
export const UPLOAD_COMMANDS: Record<string, UploadKind> = {
  '2011': 'rtd',
  '2051': 'minute',
  '2061': 'hour',
  '2031': 'day',
};

export type UploadValue = {
  pollutant: string;
  kind: UploadKind;
  /** Start of the period (rtd/minute: the minute; hour; day at 00:00) as an ISO instant in +08:00. */
  time: string;
  avg: number | null;
  min: number | null;
  max: number | null;
  cou: number | null;
  flag: string;
};

export const DATA_FLAGS = ['N', 'F', 'M', 'S', 'D', 'C', 'T', 'B'] as const;
const FLAG_SET = new Set<string>(DATA_FLAGS);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;

function num(v: string | undefined, what: string): number | null {
  if (v === undefined || v === '') return null;
  if (!NUMBER.test(v)) throw new Hj212ParseError(`${what} is not a number: ${JSON.stringify(v.slice(0, 24))}`);
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Hj212ParseError(`${what} is out of range`);
  return n;
}

/**
 * DataTime (yyyyMMddHHmmss, Beijing time — China has kept UTC+8 without daylight saving since
 * 1991) as an ISO instant, cut down to the start of the kind's period.
 */
export function parseDataTime(value: string | undefined, kind: UploadKind): string {
  const m = value ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value) : null;
  if (!m) throw new Hj212ParseError('DataTime is not yyyyMMddHHmmss');
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (
    y < 2000 ||
    t.getUTCFullYear() !== y ||
    t.getUTCMonth() !== mo - 1 ||
    t.getUTCDate() !== d ||
    t.getUTCHours() !== h ||
    t.getUTCMinutes() !== mi ||
    t.getUTCSeconds() !== s
  ) {
    throw new Hj212ParseError(`DataTime is not a real time: ${value}`);
  }
  const p2 = (n: number) => String(n).padStart(2, '0');
  const hh = kind === 'day' ? '00' : p2(h);
  const mm = kind === 'day' || kind === 'hour' ? '00' : p2(mi);
  return `${m[1]}-${m[2]}-${m[3]}T${hh}:${mm}:00+08:00`;
}

/**
 * The values an upload (CN 2011/2051/2061/2031) carries. Real-time values (`-Rtd`) go into `avg`.
 * A missing `-Flag` means N. Throws Hj212ParseError on a malformed payload; returns null for a
 * command that carries no values to store.
 */
export function uploadValues(seg: DataSegment): UploadValue[] | null {
  const kind = UPLOAD_COMMANDS[seg.cn];
  if (!kind) return null;
  const time = parseDataTime(seg.fields.DataTime, kind);
  const out: UploadValue[] = [];
  for (const [pollutant, f] of seg.pollutants) {
    const flag = f.Flag ?? 'N';
    if (!FLAG_SET.has(flag)) throw new Hj212ParseError(`${pollutant}-Flag is not one of ${DATA_FLAGS.join('')}`);
    const value =
      kind === 'rtd'
        ? { avg: num(f.Rtd, `${pollutant}-Rtd`), min: null, max: null, cou: null }
        : {
            avg: num(f.Avg, `${pollutant}-Avg`),
            min: num(f.Min, `${pollutant}-Min`),
            max: num(f.Max, `${pollutant}-Max`),
            cou: num(f.Cou, `${pollutant}-Cou`),
          };
    // A pollutant item with nothing but extras (SampleTime, EFlag, ZsRtd …) has no value to store.
    if (value.avg === null && value.min === null && value.max === null && value.cou === null && f.Flag === undefined) {
      continue;
    }
    out.push({ pollutant, kind, time, ...value, flag });
  }
  return out;
}

// ——— pollutant codes ———

/** Common HJ 212-2017 pollutant codes with their names and usual units. */
export const POLLUTANT_CODES: Record<string, { zh: string; en: string; unit: string; medium: 'water' | 'gas' }> = {
  w01018: { zh: '化学需氧量', en: 'COD', unit: 'mg/L', medium: 'water' },
  w01019: { zh: '高锰酸盐指数', en: 'CODMn', unit: 'mg/L', medium: 'water' },
  w21003: { zh: '氨氮', en: 'NH3-N', unit: 'mg/L', medium: 'water' },
  w21011: { zh: '总磷', en: 'TP', unit: 'mg/L', medium: 'water' },
  w21001: { zh: '总氮', en: 'TN', unit: 'mg/L', medium: 'water' },
  w01001: { zh: 'pH值', en: 'pH', unit: '无量纲', medium: 'water' },
  w01009: { zh: '溶解氧', en: 'DO', unit: 'mg/L', medium: 'water' },
  w01010: { zh: '水温', en: 'temperature', unit: '℃', medium: 'water' },
  w00000: { zh: '废水流量', en: 'wastewater flow', unit: 'm³/h', medium: 'water' },
  a21026: { zh: '二氧化硫', en: 'SO2', unit: 'mg/m³', medium: 'gas' },
  a21002: { zh: '氮氧化物', en: 'NOx', unit: 'mg/m³', medium: 'gas' },
  a34013: { zh: '颗粒物', en: 'particulates', unit: 'mg/m³', medium: 'gas' },
  a00000: { zh: '废气流量', en: 'flue-gas flow', unit: 'm³/h', medium: 'gas' },
  a19001: { zh: '氧含量', en: 'O2', unit: '%', medium: 'gas' },
  a01012: { zh: '烟气温度', en: 'flue-gas temperature', unit: '℃', medium: 'gas' },
};

/** Flow codes: an outlet "reports flow" through these. */
export const FLOW_CODES = new Set(['w00000', 'a00000']);
