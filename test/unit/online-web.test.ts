import { describe, expect, it } from 'vitest';
import { figure, flagSummary } from '../../web/src/online/flag-summary';
import { flagsCsvRows } from '../../web/src/online/flags-csv';
import {
  axisTop,
  defaultWindow,
  flagWindow,
  seriesModel,
  wallClock,
  wallText,
  windowBounds,
} from '../../web/src/online/outlet-chart-model';
import { toCsv } from '../../web/src/table/csv';

const hour = (h: number, value: number | null, flag = 'N', pollutant = 'w01018') => ({
  time: `2026-06-27T${String(h).padStart(2, '0')}:00:00+08:00`,
  pollutant,
  value,
  flag,
  valid: flag === 'N' && value !== null,
});

describe('outlet chart model', () => {
  it('reads times on the bureau wall clock whatever the computer zone', () => {
    expect(wallText(wallClock('2026-06-27T08:00:00+08:00'))).toBe('2026-06-27 08:00');
    expect(wallText(wallClock('2026-06-27T00:00:00Z'))).toBe('2026-06-27 00:00');
    expect(wallText(wallClock('2026-01-01T00:30:00-05:00'))).toBe('2026-01-01 00:30');
  });

  it('breaks the line at missing and invalid hours and greys the invalid ones with their flags', () => {
    const m = seriesModel(
      [
        hour(0, 10),
        hour(1, 11),
        hour(2, 50, 'M'),
        hour(3, null, 'D'),
        hour(4, 12),
        hour(7, 13),
        hour(1, 9, 'N', 'w21003'),
      ],
      'w01018',
    );
    expect(m.validHours).toBe(4);
    expect(m.invalidHours).toBe(2);
    expect(m.invalid).toEqual([[wallClock(hour(2, 0).time), 50, 'M']]);
    expect(m.invalidSpans).toEqual([{ from: wallClock(hour(2, 0).time), to: wallClock(hour(4, 0).time), flags: 'MD' }]);
    // hour 5 is missing: a null right after hour 4 keeps 4 and 7 apart.
    const values = m.line.map(([, v]) => v);
    expect(values).toEqual([10, 11, null, null, 12, null, 13]);
    expect(m.max).toBe(50);
    expect(m.latest).toEqual({ time: wallClock(hour(7, 0).time), value: 13 });
  });

  it("keeps the pollutant's flag spans only", () => {
    const flags = [
      {
        id: 1,
        kind: 'constant',
        pollutant: 'w01018',
        from: '2026-06-27T00:00:00+08:00',
        to: '2026-06-28T12:00:00+08:00',
      },
      { id: 2, kind: 'gap', pollutant: 'w21003', from: '2026-06-27T00:00:00+08:00', to: '2026-06-28T00:00:00+08:00' },
    ];
    const m = seriesModel([hour(0, 10)], 'w01018', flags);
    expect(m.flagSpans).toEqual([
      { id: 1, kind: 'constant', from: Date.UTC(2026, 5, 27), to: Date.UTC(2026, 5, 28, 12) },
    ]);
  });

  it('opens on the last 30 days, or on a flag with 3 days either side within 92 days', () => {
    expect(defaultWindow('2026-06-30')).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(defaultWindow('2024-03-01', 2)).toEqual({ from: '2024-02-29', to: '2024-03-01' });
    // A span ending at midnight ends on the day before.
    expect(flagWindow({ from: '2026-06-27T00:00:00+08:00', to: '2026-06-28T00:00:00+08:00' })).toEqual({
      from: '2026-06-24',
      to: '2026-06-30',
    });
    // Never past the data date.
    expect(flagWindow({ from: '2026-06-27T00:00:00+08:00', to: '2026-06-28T12:00:00+08:00' }, '2026-06-30')).toEqual({
      from: '2026-06-24',
      to: '2026-06-30',
    });
    const long = flagWindow({ from: '2026-01-01T00:00:00+08:00', to: '2026-06-01T00:00:00+08:00' });
    expect(long).toEqual({ from: '2026-03-04', to: '2026-06-03' });
    const b = windowBounds(long);
    expect((b.to - b.from) / 86_400_000).toBe(92);
  });

  it('puts the axis top above the data and the limit line', () => {
    expect(axisTop(46, 100)).toBeGreaterThan(100);
    expect(axisTop(180, 100)).toBeGreaterThan(180);
    expect(axisTop(0, null)).toBe(1);
  });
});

describe('flag evidence summary', () => {
  const names = (c: string) => c;
  it('names the fixed value, the band, the share under the limit and the gap flags', () => {
    expect(flagSummary({ kind: 'constant', evidence: { hours: 36, value: 46 } }, 'mg/L', 'zh', names)).toBe(
      '连续 36 小时恒为 46 mg/L',
    );
    expect(flagSummary({ kind: 'constant', evidence: { hours: 36, value: 46 } }, 'mg/L', 'en', names)).toBe(
      'Constant at 46 mg/L for 36 h',
    );
    expect(
      flagSummary({ kind: 'gap', evidence: { hours: 30, flags: { missing: 24, D: 6 } } }, 'mg/L', 'en', names),
    ).toBe('No valid data for 30 h (missing 24, D 6)');
    const parked = flagSummary(
      {
        kind: 'parked_under_limit',
        evidence: {
          hours: 720,
          limit: 50,
          band: [45, 50],
          k: 120,
          n: 700,
          share: 0.1714,
          baselineShare: 0.01,
          pValue: 1e-9,
        },
      },
      'mg/L',
      'en',
      names,
    );
    expect(parked).toBe('17.1% of hours (120/700) in [45, 50) mg/L; baseline 1% (p = 1e-9)');
    expect(
      flagSummary(
        { kind: 'zero_flow', evidence: { hours: 5, concentrations: ['w01018', 'w21003'] } },
        'm³/h',
        'zh',
        names,
      ),
    ).toBe('流量为 0 的 5 小时内仍报 w01018、w21003');
  });
  it('writes figures with at most four significant digits', () => {
    expect(figure(23.456789)).toBe('23.46');
    expect(figure(0.05)).toBe('0.05');
    expect(figure(1200)).toBe('1200');
    expect(figure(null)).toBe('—');
  });
});

describe('flag list CSV', () => {
  it('has a BOM, a header, one row per flag in Beijing time, and no cell Excel would run', () => {
    const rows = flagsCsvRows(
      [
        {
          id: 7,
          kind: 'constant',
          enterpriseName: '=HYPERLINK("http://x")',
          outletCode: 'DW001',
          pollutant: 'w01018',
          from: '2026-06-26T16:00:00Z',
          to: '2026-06-28T12:00:00+08:00',
          evidence: { hours: 36, value: 46 },
          rulesVersion: 'online-integrity.v1',
        },
      ],
      'zh',
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([
      7,
      '数值恒定',
      '=HYPERLINK("http://x")',
      'DW001',
      '化学需氧量',
      '2026-06-26 16:00',
      '2026-06-28 12:00',
      44,
      '连续 36 小时恒为 46 mg/L',
      'online-integrity.v1',
    ]);
    const csv = toCsv(rows);
    expect(csv.startsWith('\ufeff标记编号,异常类型,企业名称')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(toCsv([['-1', '-x', '+1', '@a']])).toBe("\ufeff-1,'-x,'+1,'@a\r\n");
  });
});
