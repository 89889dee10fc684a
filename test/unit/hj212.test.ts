import { describe, expect, it } from 'vitest';
import {
  buildDataAnswer,
  buildFrame,
  crc16,
  Hj212Framer,
  Hj212ParseError,
  parseDataSegment,
  parseDataTime,
  uploadValues,
} from '../../server/domain/hj212';

// The standard's own example (HJ 212-2017, appendix): length 0101, CRC 1C80.
const EXAMPLE = 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';

const hourly = (mn = 'MN0001', time = '20260610080000', extra = '') =>
  `QN=20260610090001001;ST=32;CN=2061;PW=123456;MN=${mn};Flag=5;CP=&&DataTime=${time};w01018-Avg=21.5,w01018-Min=20.1,w01018-Max=23.0,w01018-Flag=N;w21003-Avg=0.82,w21003-Flag=M${extra}&&`;

const frames = (events: ReturnType<Hj212Framer['push']>) =>
  events.filter((e) => e.type === 'frame').map((e) => (e as { data: string }).data);
const problems = (events: ReturnType<Hj212Framer['push']>) =>
  events.filter((e) => e.type === 'error').map((e) => (e as { problem: string }).problem);

describe('HJ 212 CRC and frame', () => {
  it("matches the standard's example: length 0101, CRC 1C80", () => {
    expect(Buffer.byteLength(EXAMPLE)).toBe(101);
    expect(crc16(EXAMPLE)).toBe(0x1c80);
    expect(buildFrame(EXAMPLE)).toBe(`##0101${EXAMPLE}1C80\r\n`);
  });

  it('computes CRC over bytes, not characters', () => {
    expect(crc16('')).toBe(0xffff);
    expect(crc16(Buffer.from(EXAMPLE))).toBe(0x1c80);
    // One changed byte changes the CRC.
    expect(crc16(EXAMPLE.replace('30', '31'))).not.toBe(0x1c80);
  });

  it('refuses a data segment longer than 9999 bytes', () => {
    expect(() => buildFrame('x'.repeat(10_000))).toThrow(RangeError);
  });
});

describe('HJ 212 framer', () => {
  it('takes one packet whole', () => {
    const f = new Hj212Framer();
    expect(frames(f.push(Buffer.from(buildFrame(EXAMPLE))))).toEqual([EXAMPLE]);
    expect(f.buffered).toBe(0);
  });

  it('joins a packet split into single bytes', () => {
    const f = new Hj212Framer();
    const bytes = Buffer.from(buildFrame(EXAMPLE));
    const out: string[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...frames(f.push(bytes.subarray(i, i + 1))));
    expect(out).toEqual([EXAMPLE]);
    expect(f.buffered).toBe(0);
  });

  it('splits glued packets, the last one arriving in two reads', () => {
    const f = new Hj212Framer();
    const a = buildFrame(EXAMPLE);
    const b = buildFrame(hourly());
    const c = buildFrame(hourly('MN0002'));
    const glued = Buffer.from(a + b + c);
    const cut = glued.length - 10;
    expect(frames(f.push(glued.subarray(0, cut)))).toEqual([EXAMPLE, hourly()]);
    expect(f.buffered).toBe(c.length - 10);
    expect(frames(f.push(glued.subarray(cut)))).toEqual([hourly('MN0002')]);
  });

  it('drops a packet with a wrong CRC and keeps the next one', () => {
    const f = new Hj212Framer();
    const bad = buildFrame(EXAMPLE).replace('1C80', '1C81');
    const ev = f.push(Buffer.from(bad + buildFrame(hourly())));
    expect(problems(ev)).toEqual(['bad_crc']);
    expect(frames(ev)).toEqual([hourly()]);
  });

  it('drops a packet whose data was altered in transit (CRC no longer matches)', () => {
    const f = new Hj212Framer();
    const tampered = buildFrame(hourly()).replace('21.5', '31.5');
    expect(problems(f.push(Buffer.from(tampered)))).toEqual(['bad_crc']);
  });

  it('resynchronises on the next ## after garbage, including a lone #', () => {
    const f = new Hj212Framer();
    const ev = f.push(Buffer.from(`\x00\xffjunk#1234${buildFrame(EXAMPLE)}tail#`));
    expect(frames(ev)).toEqual([EXAMPLE]);
    expect(problems(ev)).toEqual(['garbage', 'garbage']);
    // The trailing '#' is kept: it may start the next header.
    expect(f.buffered).toBe(1);
    expect(frames(f.push(Buffer.from(buildFrame(EXAMPLE).slice(1))))).toEqual([EXAMPLE]);
  });

  it('skips a header whose length is not 4 digits', () => {
    const f = new Hj212Framer();
    const ev = f.push(Buffer.from(`##01x1abc${buildFrame(EXAMPLE)}`));
    expect(problems(ev)[0]).toBe('bad_length');
    expect(frames(ev)).toEqual([EXAMPLE]);
  });

  it('refuses an oversize length without waiting for its bytes', () => {
    const f = new Hj212Framer({ maxDataLength: 1024 });
    const ev = f.push(Buffer.from(`##9000${'x'.repeat(50)}`));
    expect(problems(ev)[0]).toBe('oversize');
    expect(f.buffered).toBe(0);
  });

  it('resynchronises when the announced length is wrong (no CRLF where it should be)', () => {
    const f = new Hj212Framer();
    const good = buildFrame(EXAMPLE);
    const wrongLength = `##0090${EXAMPLE}1C80\r\n`;
    const ev = f.push(Buffer.from(wrongLength + good));
    expect(problems(ev)).toContain('bad_trailer');
    expect(frames(ev)).toEqual([EXAMPLE]);
  });

  it('never holds more than one packet of bytes when no CRLF ever comes', () => {
    const f = new Hj212Framer({ maxDataLength: 1024 });
    let max = 0;
    f.push(Buffer.from('##1024'));
    for (let i = 0; i < 2000; i++) {
      f.push(Buffer.from('abcdefghij'));
      max = Math.max(max, f.buffered);
    }
    expect(max).toBeLessThanOrEqual(6 + 1024 + 6);
  });

  it('survives random bytes and still finds a packet after them', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    };
    const f = new Hj212Framer({ maxDataLength: 2048 });
    for (let i = 0; i < 200; i++) {
      const noise = Buffer.alloc(97, 0).map(() => rnd());
      f.push(noise);
      expect(f.buffered).toBeLessThanOrEqual(6 + 2048 + 6);
    }
    // Whatever partial header the noise left, a CRLF-terminated packet after a clean gap is found.
    const out = frames(f.push(Buffer.from(`${'-'.repeat(2100)}${buildFrame(EXAMPLE)}`)));
    expect(out).toEqual([EXAMPLE]);
  });
});

describe('HJ 212 data segment', () => {
  it("parses the standard's example", () => {
    const seg = parseDataSegment(EXAMPLE);
    expect(seg).toMatchObject({
      qn: '20160801085857223',
      st: '32',
      cn: '1062',
      pw: '100000',
      mn: '010000A8900016F000169DC0',
      flag: 5,
      fields: { RtdInterval: '30' },
    });
    expect(seg.pollutants.size).toBe(0);
  });

  it('parses an hourly upload into values, DataTime in Beijing time', () => {
    const seg = parseDataSegment(hourly());
    expect(uploadValues(seg)).toEqual([
      {
        pollutant: 'w01018',
        kind: 'hour',
        time: '2026-06-10T08:00:00+08:00',
        avg: 21.5,
        min: 20.1,
        max: 23,
        cou: null,
        flag: 'N',
      },
      {
        pollutant: 'w21003',
        kind: 'hour',
        time: '2026-06-10T08:00:00+08:00',
        avg: 0.82,
        min: null,
        max: null,
        cou: null,
        flag: 'M',
      },
    ]);
  });

  it('reads real-time values into avg and cuts times to the period start', () => {
    const rtd = parseDataSegment(
      'QN=20260610080510001;ST=31;CN=2011;PW=123456;MN=G1;Flag=4;CP=&&DataTime=20260610080512;a21026-Rtd=35.2,a21026-Flag=N;a21026-SampleTime=20260610080500&&',
    );
    expect(uploadValues(rtd)).toEqual([
      {
        pollutant: 'a21026',
        kind: 'rtd',
        time: '2026-06-10T08:05:00+08:00',
        avg: 35.2,
        min: null,
        max: null,
        cou: null,
        flag: 'N',
      },
    ]);
    expect(parseDataTime('20261231235959', 'day')).toBe('2026-12-31T00:00:00+08:00');
    expect(parseDataTime('20240229233000', 'hour')).toBe('2024-02-29T23:00:00+08:00');
  });

  it('rejects impossible times, unknown flags and non-numbers', () => {
    expect(() => parseDataTime('20250229000000', 'hour')).toThrow(Hj212ParseError);
    expect(() => parseDataTime('2026061008', 'hour')).toThrow(Hj212ParseError);
    expect(() => uploadValues(parseDataSegment(hourly().replace('Flag=M', 'Flag=X')))).toThrow(/Flag/);
    expect(() => uploadValues(parseDataSegment(hourly().replace('21.5', '2I.5')))).toThrow(/number/);
    expect(() => uploadValues(parseDataSegment(hourly().replace('21.5', '1e999')))).toThrow(/range/);
  });

  it('rejects malformed segments', () => {
    expect(() => parseDataSegment('QN=1;ST=32')).toThrow(/CP/);
    expect(() => parseDataSegment(EXAMPLE.replace('MN=010000A8900016F000169DC0;', ''))).toThrow(/MN/);
    expect(() => parseDataSegment(EXAMPLE.replace('Flag=5', 'Flag=999'))).toThrow(/Flag/);
    expect(() => parseDataSegment(`${EXAMPLE}x`)).toThrow(/after/);
    expect(() => parseDataSegment(EXAMPLE.replace('ST=32', 'ST=32;XX=1'))).toThrow(/unknown/);
    expect(() => parseDataSegment(EXAMPLE.replace('RtdInterval=30', 'a=b=c,=1'))).toThrow(Hj212ParseError);
  });

  it('ignores commands that carry no values', () => {
    expect(uploadValues(parseDataSegment(EXAMPLE))).toBeNull();
  });
});

describe('HJ 212 data answer (CN 9014)', () => {
  it('echoes QN, PW and MN with ST 91 and the answer bit cleared, under a valid CRC', () => {
    const answer = buildDataAnswer(parseDataSegment(EXAMPLE));
    const ev = new Hj212Framer().push(Buffer.from(answer));
    expect(frames(ev)).toEqual([
      'QN=20160801085857223;ST=91;CN=9014;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&',
    ]);
    expect(answer.endsWith('\r\n')).toBe(true);
  });
});
