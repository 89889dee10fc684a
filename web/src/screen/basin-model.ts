/**
 * The basin compensation chain as the screen draws it: agreements in flow order with their
 * year's P, the water class of the year's mean of the assessed indicators (GB 3838, single
 * factor — the same pure domain function the server uses), who pays whom and how much.
 */
import { classifySample, type Sample } from '../../../server/domain/water-quality';
import type { Compensation, CompensationAgreement } from '../api/get-compensation';
import { sp } from './screen-text';

export type BasinEdge = {
  id: number;
  from: string;
  to: string;
  fromName: string;
  toName: string;
  section: string;
  P: number | null;
  waterClass: string | null;
  status: CompensationAgreement['status'];
  /** Who pays whom, or null when nothing is settled (insufficient data). */
  payer: { code: string; name: string } | null;
  payee: { code: string; name: string } | null;
  amount: number;
  conditions: CompensationAgreement['conditions'];
};

export function basinEdges(c: Compensation | undefined): BasinEdge[] {
  if (!c) return [];
  return c.agreements.map((a) => {
    const payer =
      a.direction === 'downstream_pays' ? a.downstream : a.direction === 'upstream_pays' ? a.upstream : null;
    const payee =
      a.direction === 'downstream_pays' ? a.upstream : a.direction === 'upstream_pays' ? a.downstream : null;
    const sample: Sample = {};
    for (const [k, v] of Object.entries(a.means)) (sample as Record<string, number>)[k] = v;
    const cls = Object.keys(a.means).length ? (classifySample(sample, 'river')?.class ?? null) : null;
    return {
      id: a.id,
      from: a.upstream.code,
      to: a.downstream.code,
      fromName: sp(a.upstream.name),
      toName: sp(a.downstream.name),
      section: sp(a.sectionName),
      P: a.P,
      waterClass: cls,
      status: a.status,
      payer: payer && { code: payer.code, name: sp(payer.name) },
      payee: payee && { code: payee.code, name: sp(payee.name) },
      amount: a.direction ? a.amount : 0,
      conditions: a.conditions,
    };
  });
}

export const STATUS_TEXT: Record<CompensationAgreement['status'], string> = {
  assessed: '已考核',
  projected: '预估',
  insufficient_data: '数据不足',
  not_in_force: '不在协议期内',
};

export type CountyNets = {
  /** The year is not over: the values are projections, not settled money. */
  projected: boolean;
  rows: { countyCode: string; name: string; value: number }[];
};

/**
 * Each county's net for the year as the screen shows it: the settled net once the year is
 * assessed; in an unfinished year the projected net instead, flagged, and never the two summed.
 */
export function countyNets(c: Compensation | undefined): CountyNets {
  if (!c) return { projected: false, rows: [] };
  const projected = c.agreements.some((a) => a.status === 'projected');
  return {
    projected,
    rows: c.settlements.map((s) => ({
      countyCode: s.countyCode,
      name: s.name,
      value: projected ? s.projectedNet : s.net,
    })),
  };
}

const CONDITION_TEXT: Record<CompensationAgreement['conditions'][number]['kind'], string> = {
  flow: '年均流量',
  water_use_total: '用水总量',
  water_use_efficiency: '万元GDP用水量',
};
const OUTCOME_TEXT = { pass: '达标', fail: '未达标', no_data: '无数据' } as const;
const num = (x: number | null) =>
  x === null ? '—' : new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(x);

/** One condition in a line for the wall screen: "年均流量 39.18 / 下限 42.5 m³/s 未达标 · 按比例扣减". */
export function conditionLine(c: CompensationAgreement['conditions'][number]): string {
  const figures =
    c.value === null && c.limit === null
      ? ''
      : c.kind === 'water_use_efficiency'
        ? ` ${num(c.value)}（上年 ${num(c.limit)}）${c.unit}`
        : ` ${num(c.value)} / ${c.kind === 'flow' ? '下限' : '上限'} ${num(c.limit)} ${c.unit}`;
  const effect =
    c.effect === 'reduced'
      ? ' · 按比例扣减'
      : c.effect === 'forfeited'
        ? ' · 上游不获补偿'
        : c.effect === 'reported'
          ? ' · 仅通报'
          : '';
  return `${CONDITION_TEXT[c.kind]}${figures} ${OUTCOME_TEXT[c.outcome]}${effect}`;
}
