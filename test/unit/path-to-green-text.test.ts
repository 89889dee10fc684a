import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../server/domain/supervision-code';
import { translate } from '../../web/src/i18n/translate';
import { pathStepText } from '../../web/src/panels/enterprise/path-step';

// Every kind of step at once: unpaid compensation, a case, overdue and open findings, the bonus
// (5 findings, 4 rectified after the overdue one), a complaint and exceedance days.
const code = evaluateCode({
  asOf: '2024-06-30',
  cases: [{ id: 'A-9', date: '2024-01-10', severity: 'general' }],
  complaints: [{ id: 6, date: '2024-01-05', verified: true }],
  findings: [
    { id: 1, found: '2024-02-01', deadline: '2024-04-30', rectified: '2024-04-20' },
    { id: 2, found: '2024-02-01', deadline: '2024-04-30', rectified: '2024-04-20' },
    { id: 3, found: '2024-02-01', deadline: '2024-04-30', rectified: '2024-04-20' },
    { id: 4, found: '2024-02-01', deadline: '2024-04-30' },
    { id: 5, found: '2024-05-01', deadline: '2024-07-31' },
  ],
  exceedanceDays: 6,
  insuredWithSteward: false,
  unpaidDamageCompensation: true,
});

const words = (lang: 'zh' | 'en', step: (typeof code.pathToGreen)[number]) =>
  pathStepText(step, (key, params) => translate(lang, key, params));

describe('path to green, worded by the app', () => {
  it('covers every rule the domain can plan', () => {
    expect(code.pathToGreen.map((s) => s.rule)).toEqual([
      'unpaidDamageCompensation',
      'caseGeneral',
      'findingOverdue',
      'insuredWithSteward',
      'findingOpen',
      'rectificationBonus',
      'verifiedComplaint',
      'exceedanceDay',
    ]);
  });

  it('reads in Chinese with ids, dates and counts', () => {
    expect(code.pathToGreen.map((s) => words('zh', s))).toEqual([
      '缴清生态环境损害赔偿金（解除红码硬性规则）',
      '不再发生违法行为，等待一般违法案件 #A-9（2024-01-10）于 2025-01-10 移出12个月评价窗口',
      '整改逾期问题 #4（2024-02-01 发现，期限 2024-04-30）',
      '投保环境污染责任险并委托第三方管家',
      '在期限 2024-07-31 前整改问题 #5（2024-05-01 发现）',
      '问题整改率达到90%（共5个问题），获得整改奖励',
      '等待投诉 #6（2024-01-05）于 2025-01-05 移出12个月评价窗口',
      '保持在线监测稳定达标，待 6 个超标日移出12个月评价窗口',
    ]);
  });

  it('reads in English without a Chinese character, and without ids for the public', () => {
    const en = code.pathToGreen.map((s) => words('en', s));
    for (const line of en) expect(line).not.toMatch(/[\u3400-\u9fff]/);
    expect(en[2]).toBe('Rectify overdue finding #4 (found 2024-02-01, deadline 2024-04-30)');
    const publicStep = { ...code.pathToGreen[2], evidence: [] };
    expect(words('en', publicStep)).toBe('Rectify overdue finding (found 2024-02-01, deadline 2024-04-30)');
  });
});
