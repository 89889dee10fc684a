import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import rulesJson from '../../data/rules/supervision-code.v1.json';
import {
  COLOUR_RANK,
  type CodeFacts,
  type Colour,
  colourForScore,
  DEFAULT_SUPERVISION_CODE_RULES,
  evaluateCode,
  leavesWindowOn,
  type PathStep,
  planInspections,
  type SupervisionCodeRules,
} from '../../server/domain/supervision-code';

const ASOF = '2024-06-30';

function facts(partial: Partial<CodeFacts> = {}): CodeFacts {
  return {
    asOf: ASOF,
    cases: [],
    complaints: [],
    findings: [],
    exceedanceDays: 0,
    insuredWithSteward: false,
    unpaidDamageCompensation: false,
    ...partial,
  };
}

/** A path step with the fields a rule does not use left empty. */
const step = (rule: PathStep['rule'], points: number, more: Partial<PathStep> = {}): PathStep => ({
  rule,
  points,
  date: null,
  factDate: null,
  count: null,
  evidence: [],
  ...more,
});

const complaint = (id: number, date = '2024-03-01') => ({ id, date, verified: true });
const openFinding = (id: number) => ({ id, found: '2024-05-01', deadline: '2024-07-31' });
const overdueFinding = (id: number) => ({ id, found: '2024-02-01', deadline: '2024-04-30' });
const rectifiedFinding = (id: number) => ({
  id,
  found: '2024-02-01',
  deadline: '2024-04-30',
  rectified: '2024-04-20',
});

describe('rules data', () => {
  it('matches the design', () => {
    expect(rulesJson.version).toBe('supervision-code.v1');
    expect(rulesJson.windowMonths).toBe(12);
    expect(rulesJson.start).toBe(100);
    expect(rulesJson.points.caseGeneral.points).toBe(-30);
    expect(rulesJson.points.caseMajor.points).toBe(-50);
    expect(rulesJson.points.exceedanceDay).toMatchObject({ points: -5, cap: -30 });
    expect(rulesJson.points.rectificationBonus).toMatchObject({ points: 5, minFindings: 5, minRate: 0.9 });
    expect(rulesJson.thresholds).toEqual({ green: 85, yellow: 60 });
    expect(rulesJson.colours.green.zh).toBe('无事不扰');
    expect(rulesJson.colours.yellow.zh).toBe('双随机');
    expect(rulesJson.colours.red.zh).toBe('重点监管');
  });
});

describe('colourForScore', () => {
  it('85 green, 84 and 60 yellow, 59 red', () => {
    expect(colourForScore(100)).toBe('green');
    expect(colourForScore(85)).toBe('green');
    expect(colourForScore(84)).toBe('yellow');
    expect(colourForScore(60)).toBe('yellow');
    expect(colourForScore(59)).toBe('red');
    expect(colourForScore(0)).toBe('red');
  });
});

describe('evaluateCode: scores and thresholds', () => {
  it('a clean enterprise is green at 100 with no reasons', () => {
    const r = evaluateCode(facts());
    expect(r).toEqual({
      colour: 'green',
      score: 100,
      reasons: [],
      hardRule: null,
      pathToGreen: [],
      rulesVersion: 'supervision-code.v1',
    });
  });

  it('85 → green', () => {
    // 100 − 10 (complaint) − 5 (1 exceedance day) = 85.
    const r = evaluateCode(facts({ complaints: [complaint(1)], exceedanceDays: 1 }));
    expect(r.score).toBe(85);
    expect(r.colour).toBe('green');
  });

  it('84 → yellow', () => {
    // 100 − 10 − 3 × 2 (three open findings) = 84.
    const r = evaluateCode(
      facts({ complaints: [complaint(1)], findings: [openFinding(1), openFinding(2), openFinding(3)] }),
    );
    expect(r.score).toBe(84);
    expect(r.colour).toBe('yellow');
  });

  it('60 → yellow', () => {
    // 100 − 4 × 10 = 60.
    const r = evaluateCode(facts({ complaints: [1, 2, 3, 4].map((i) => complaint(i)) }));
    expect(r.score).toBe(60);
    expect(r.colour).toBe('yellow');
  });

  it('59 → red', () => {
    // 100 − 5 × 5 (exceedance days) − 2 × 8 (overdue findings) = 59.
    const r = evaluateCode(facts({ exceedanceDays: 5, findings: [overdueFinding(1), overdueFinding(2)] }));
    expect(r.score).toBe(59);
    expect(r.colour).toBe('red');
    expect(r.hardRule).toBeNull();
  });

  it('exceedance days are capped at −30', () => {
    // 7 days × −5 = −35 → capped at −30; 6 days is exactly the cap; 5 days is −25.
    expect(evaluateCode(facts({ exceedanceDays: 7 })).score).toBe(70);
    expect(evaluateCode(facts({ exceedanceDays: 6 })).score).toBe(70);
    expect(evaluateCode(facts({ exceedanceDays: 5 })).score).toBe(75);
    const reason = evaluateCode(facts({ exceedanceDays: 7 })).reasons.find((x) => x.rule === 'exceedanceDay');
    expect(reason).toMatchObject({ points: -30, evidence: [7] });
  });

  it('bonuses add +5 each and the score is capped at 100', () => {
    const fiveRectified = [1, 2, 3, 4, 5].map(rectifiedFinding);
    // 100 + 5 + 5 = 110 → 100.
    const r = evaluateCode(facts({ insuredWithSteward: true, findings: fiveRectified }));
    expect(r.score).toBe(100);
    expect(r.reasons.map((x) => [x.rule, x.points])).toEqual([
      ['insuredWithSteward', 5],
      ['rectificationBonus', 5],
    ]);
    // 100 − 10 + 5 + 5 = 100.
    expect(
      evaluateCode(facts({ insuredWithSteward: true, findings: fiveRectified, complaints: [complaint(9)] })).score,
    ).toBe(100);
    // 100 − 20 + 5 = 85: the insurance bonus alone lifts yellow to green.
    const two = [complaint(1), complaint(2)];
    expect(evaluateCode(facts({ complaints: two })).colour).toBe('yellow');
    expect(evaluateCode(facts({ complaints: two, insuredWithSteward: true })).colour).toBe('green');
  });

  it('the rectification bonus needs ≥ 5 findings and ≥ 90 % rectified', () => {
    // 4 findings all rectified: too few.
    expect(evaluateCode(facts({ findings: [1, 2, 3, 4].map(rectifiedFinding) })).reasons).toEqual([]);
    // 10 findings, 9 rectified (90 %): bonus; the open one costs 2 → 100 − 2 + 5 = 103 → 100.
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(rectifiedFinding);
    const r = evaluateCode(facts({ findings: [...nine, openFinding(10)] }));
    expect(r.reasons.find((x) => x.rule === 'rectificationBonus')?.evidence).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.score).toBe(100);
    // 5 findings, 4 rectified (80 %): no bonus; 100 − 2 = 98.
    const r2 = evaluateCode(facts({ findings: [...[1, 2, 3, 4].map(rectifiedFinding), openFinding(5)] }));
    expect(r2.score).toBe(98);
    expect(r2.reasons.map((x) => x.rule)).toEqual(['findingOpen']);
  });

  it('finding states are judged as of asOf', () => {
    const r = evaluateCode(
      facts({
        findings: [
          { id: 'due-today', found: '2024-06-01', deadline: ASOF }, // open: deadline ≥ asOf
          { id: 'late', found: '2024-06-01', deadline: '2024-06-29' }, // overdue
          { id: 'fixed-later', found: '2024-06-01', deadline: '2024-06-29', rectified: '2024-07-05' }, // overdue as of asOf
          { id: 'fixed', found: '2024-06-01', deadline: '2024-06-29', rectified: '2024-06-10' },
        ],
      }),
    );
    expect(r.reasons).toEqual([
      { rule: 'findingOverdue', label: '问题逾期未整改', points: -16, evidence: ['late', 'fixed-later'] },
      { rule: 'findingOpen', label: '问题整改期限内未完成', points: -2, evidence: ['due-today'] },
    ]);
    expect(r.score).toBe(82);
  });

  it('unverified complaints do not count', () => {
    expect(evaluateCode(facts({ complaints: [{ id: 1, date: '2024-05-01', verified: false }] })).score).toBe(100);
  });
});

describe('evaluateCode: hard rules', () => {
  it('a major case is red even when the score alone is yellow', () => {
    // 100 − 50 + 5 + 5 = 60 → yellow by score; the hard rule makes it red.
    const r = evaluateCode(
      facts({
        cases: [{ id: 'C1', date: '2024-01-15', severity: 'major' }],
        insuredWithSteward: true,
        findings: [1, 2, 3, 4, 5].map(rectifiedFinding),
      }),
    );
    expect(r.score).toBe(60);
    expect(r.colour).toBe('red');
    expect(r.hardRule).toBe('majorCase');
    expect(r.reasons[0]).toEqual({
      rule: 'caseMajor',
      label: '重大环境违法案件',
      points: -50,
      evidence: ['C1'],
    });
  });

  it('unpaid damage compensation is red at score 100', () => {
    const r = evaluateCode(facts({ unpaidDamageCompensation: true }));
    expect(r.score).toBe(100);
    expect(r.colour).toBe('red');
    expect(r.hardRule).toBe('unpaidDamageCompensation');
    expect(r.pathToGreen).toEqual([step('unpaidDamageCompensation', 0)]);
  });

  it('any case caps the colour at yellow even with bonuses', () => {
    const base = facts({
      cases: [{ id: 7, date: '2024-02-01', severity: 'general' }],
      insuredWithSteward: true,
      findings: [1, 2, 3, 4, 5].map(rectifiedFinding),
    });
    // Default points: 100 − 30 + 5 + 5 = 80 → yellow anyway.
    const r = evaluateCode(base);
    expect(r.score).toBe(80);
    expect(r.colour).toBe('yellow');
    expect(r.hardRule).toBe('anyCase');
    // With a lenient rule set where a case costs 10, the score is 100 but the colour stays yellow.
    const lenient: SupervisionCodeRules = structuredClone(DEFAULT_SUPERVISION_CODE_RULES);
    lenient.points.caseGeneral.points = -10;
    const r2 = evaluateCode(base, lenient);
    expect(r2.score).toBe(100);
    expect(r2.colour).toBe('yellow');
    expect(r2.hardRule).toBe('anyCase');
  });
});

describe('evaluateCode: window', () => {
  // asOf 2024-06-30 → window is (2023-06-30, 2024-06-30].
  const at = (date: string) => evaluateCode(facts({ cases: [{ id: 1, date, severity: 'general' }] })).score;

  it('a case 12 months + 1 day before asOf is out; exactly 12 months is out; one day later is in', () => {
    expect(at('2023-06-29')).toBe(100);
    expect(at('2023-06-30')).toBe(100);
    expect(at('2023-07-01')).toBe(70);
  });

  it('a case on asOf is in; facts after asOf are ignored', () => {
    expect(at(ASOF)).toBe(70);
    expect(at('2024-07-01')).toBe(100);
    const r = evaluateCode(
      facts({
        complaints: [complaint(1, '2024-07-01')],
        findings: [{ id: 1, found: '2024-07-02', deadline: '2024-07-03' }],
      }),
    );
    expect(r.score).toBe(100);
  });

  it('findings count in the window by their found date', () => {
    const old = { id: 1, found: '2023-05-01', deadline: '2023-06-01' };
    expect(evaluateCode(facts({ findings: [old] })).score).toBe(100);
  });

  it('month-end windows clamp (asOf 2024-02-29 starts after 2023-02-28)', () => {
    const f = (date: string) =>
      evaluateCode(facts({ asOf: '2024-02-29', cases: [{ date, severity: 'general' }] })).score;
    expect(f('2023-02-28')).toBe(100);
    expect(f('2023-03-01')).toBe(70);
  });

  it('accepts ISO timestamps and rejects non-dates', () => {
    expect(at('2024-01-01T08:00:00Z')).toBe(70);
    expect(() => at('2024-02-30')).toThrow(RangeError);
    expect(() => at('yesterday')).toThrow(RangeError);
  });
});

describe('evaluateCode: path to green', () => {
  it('rectifies overdue findings until green and stops there', () => {
    // 100 − 10 − 8 − 8 − 8 = 66 → +8 → 74 → +8 → 82 → +8 → 90 (green).
    const r = evaluateCode(
      facts({
        complaints: [complaint(1)],
        findings: [overdueFinding(11), overdueFinding(12), overdueFinding(13)],
      }),
    );
    expect(r.score).toBe(66);
    const overdue = (id: number) =>
      step('findingOverdue', 8, { date: '2024-04-30', factDate: '2024-02-01', evidence: [id] });
    expect(r.pathToGreen).toEqual([overdue(11), overdue(12), overdue(13)]);
  });

  it('suggests the green insurance when rectification is not enough', () => {
    // 100 − 20 (two complaints) − 8 = 72 → +8 → 80 → +5 (insurance) → 85.
    const r = evaluateCode(facts({ complaints: [complaint(1), complaint(2)], findings: [overdueFinding(3)] }));
    expect(r.pathToGreen).toEqual([
      step('findingOverdue', 8, { date: '2024-04-30', factDate: '2024-02-01', evidence: [3] }),
      step('insuredWithSteward', 5),
    ]);
  });

  it('a case has to leave the window, with the date it does', () => {
    const r = evaluateCode(facts({ cases: [{ id: 'A-9', date: '2024-01-10', severity: 'general' }] }));
    expect(r.pathToGreen).toEqual([
      step('caseGeneral', 30, { date: '2025-01-10', factDate: '2024-01-10', evidence: ['A-9'] }),
    ]);
  });

  it('leap-day facts leave the window after the clamped month end', () => {
    // asOf 2025-02-28: window starts after 2024-02-28, so 2024-02-29 is still in; on 2025-03-01 it is out.
    expect(leavesWindowOn('2024-02-29')).toBe('2025-03-01');
    expect(leavesWindowOn('2024-01-10')).toBe('2025-01-10');
  });

  it('the rectification bonus is planned when rectifying reaches 90 %', () => {
    // 5 findings: 3 rectified, 2 overdue; 2 complaints, 2 exceedance days.
    // 100 − 16 − 20 − 10 = 54 (red). Path: +8 → 62, +8 → 70, now 5/5 rectified → +5 → 75,
    // insurance +5 → 80, complaints leave +10 → 90 (green).
    const r = evaluateCode(
      facts({
        findings: [...[1, 2, 3].map(rectifiedFinding), overdueFinding(4), overdueFinding(5)],
        complaints: [complaint(6, '2024-01-05'), complaint(7, '2024-02-05')],
        exceedanceDays: 2,
      }),
    );
    expect(r.score).toBe(54);
    expect(r.colour).toBe('red');
    expect(r.pathToGreen).toEqual([
      step('findingOverdue', 8, { date: '2024-04-30', factDate: '2024-02-01', evidence: [4] }),
      step('findingOverdue', 8, { date: '2024-04-30', factDate: '2024-02-01', evidence: [5] }),
      step('rectificationBonus', 5, { count: 5 }),
      step('insuredWithSteward', 5),
      step('verifiedComplaint', 10, { date: '2025-01-05', factDate: '2024-01-05', evidence: [6] }),
    ]);
  });
});

describe('properties', () => {
  const day = fc
    .integer({ min: 0, max: 800 })
    .map((n) => new Date(Date.UTC(2023, 0, 1 + n)).toISOString().slice(0, 10));
  const factsArb: fc.Arbitrary<CodeFacts> = fc.record({
    asOf: day,
    cases: fc.array(
      fc.record({
        id: fc.nat(),
        date: day,
        severity: fc.constantFrom<'general' | 'major'>('general', 'major'),
      }),
      {
        maxLength: 3,
      },
    ),
    complaints: fc.array(fc.record({ id: fc.nat(), date: day, verified: fc.boolean() }), { maxLength: 5 }),
    findings: fc.array(
      fc.record({ id: fc.nat(), found: day, deadline: day, rectified: fc.option(day, { nil: null }) }),
      { maxLength: 12 },
    ),
    exceedanceDays: fc.nat({ max: 10 }),
    insuredWithSteward: fc.boolean(),
    unpaidDamageCompensation: fc.boolean(),
  });
  const caseArb = fc.record({
    id: fc.nat(),
    date: day,
    severity: fc.constantFrom<'general' | 'major'>('general', 'major'),
  });

  it('adding a case never improves the colour and never raises the score', () => {
    fc.assert(
      fc.property(factsArb, caseArb, (f, c) => {
        const before = evaluateCode(f);
        const after = evaluateCode({ ...f, cases: [...f.cases, c] });
        expect(after.score).toBeLessThanOrEqual(before.score);
        expect(COLOUR_RANK[after.colour]).toBeGreaterThanOrEqual(COLOUR_RANK[before.colour]);
      }),
    );
  });

  it('score stays in [0, 100]; the path to green adds up to at least 85; green has no path', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const r = evaluateCode(f);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        if (r.colour === 'green') {
          expect(r.pathToGreen).toEqual([]);
          return;
        }
        const raw = 100 + r.reasons.reduce((s, x) => s + x.points, 0);
        const projected = Math.min(100, raw + r.pathToGreen.reduce((s, a) => s + a.points, 0));
        expect(projected).toBeGreaterThanOrEqual(85);
      }),
    );
  });
});

describe('planInspections', () => {
  const colours: Colour[] = ['green', 'yellow', 'red'];
  const ents = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, colour: colours[i % 3] }));
  const yellowIds = ents.filter((e) => e.colour === 'yellow').map((e) => e.id);

  it('takes every red, no green, and ceil(rate × yellows) yellows, sorted', () => {
    const plan = planInspections(ents, 0.1, 42);
    expect(plan.seed).toBe(42);
    expect(plan.red).toEqual(ents.filter((e) => e.colour === 'red').map((e) => e.id));
    // 33 yellows × 0.1 = 3.3 → 4.
    expect(plan.sampledYellow).toHaveLength(4);
    expect(plan.sampledYellow.every((id) => yellowIds.includes(id))).toBe(true);
    expect([...plan.sampledYellow].sort((a, b) => a - b)).toEqual(plan.sampledYellow);
    expect(new Set(plan.sampledYellow).size).toBe(4);
  });

  it('does not let float noise round the sample size up', () => {
    // 0.1 × 30 is 3.0000000000000004 in binary; the sample must be 3.
    const thirty = Array.from({ length: 30 }, (_, i) => ({ id: i, colour: 'yellow' as Colour }));
    expect(planInspections(thirty, 0.1, 1).sampledYellow).toHaveLength(3);
    expect(planInspections(thirty, 1, 1).sampledYellow).toHaveLength(30);
    expect(planInspections(thirty, 0, 1).sampledYellow).toHaveLength(0);
  });

  it('is deterministic for a seed and independent of input order', () => {
    const a = planInspections(ents, 0.2, 7);
    const b = planInspections([...ents].reverse(), 0.2, 7);
    expect(b).toEqual(a);
    const others = [1, 2, 3, 4, 5].map((s) => planInspections(ents, 0.2, s).sampledYellow.join());
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('always takes enterprises with monitoring-data flags, green ones too, with their kinds as the reason', () => {
    // 1 green, 2 yellow, 3 red: a flagged green, yellow and red enterprise.
    const flagged = [
      { id: 2, kinds: ['gap', 'constant', 'gap'] },
      { id: 1, kinds: ['narrow_band'] },
      { id: 3, kinds: ['zero_flow'] },
    ];
    const plan = planInspections(ents, 0, 9, flagged);
    expect(plan.flagged).toEqual([
      { id: 1, kinds: ['narrow_band'] },
      { id: 2, kinds: ['constant', 'gap'] },
      { id: 3, kinds: ['zero_flow'] },
    ]);
    expect(plan.sampledYellow).toEqual([]);
    expect(plan.red).toContain(3);
    // A flagged yellow is not drawn a second time from the yellow pool.
    const all = planInspections(ents, 1, 9, flagged);
    expect(all.sampledYellow).not.toContain(2);
    expect(all.sampledYellow).toHaveLength(yellowIds.length - 1);
  });
});
