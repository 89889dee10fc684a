/**
 * The basin compensation chain as the screen draws it: agreements in flow order with their
 * year's P, the water class of the year's mean of the assessed indicators (GB 3838, single
 * factor — the same pure domain function the server uses), who pays whom and how much.
 */
import { classifySample, type Sample } from '../../../server/domain/water-quality';
import type { Compensation, CompensationAgreement } from '../api/get-compensation';
import { sp, st } from './screen-text';

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
  assessed: st('screen.status.assessed'),
  projected: st('screen.status.projected'),
  insufficient_data: st('screen.status.insufficient_data'),
  not_in_force: st('screen.status.not_in_force'),
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
      name: sp(s.name),
      value: projected ? s.projectedNet : s.net,
    })),
  };
}

const num = (x: number | null) =>
  x === null ? '—' : new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(x);

/** One condition in a line for the wall screen: "年均流量 39.18 / 下限 42.5 m³/s 未达标 · 按比例扣减". */
export function conditionLine(c: CompensationAgreement['conditions'][number]): string {
  // The unit follows the condition's kind, so the English screen needs no Chinese unit from the server.
  const unit = st(`screen.cond.unit.${c.kind}`);
  const figures =
    c.value === null && c.limit === null
      ? ''
      : c.kind === 'water_use_efficiency'
        ? ` ${num(c.value)}${st('screen.cond.lastYear', { value: num(c.limit) })} ${unit}`
        : ` ${num(c.value)} / ${st(c.kind === 'flow' ? 'screen.cond.min' : 'screen.cond.cap')} ${num(c.limit)} ${unit}`;
  const effect =
    c.effect === 'reduced' || c.effect === 'forfeited' || c.effect === 'reported' ? st(`screen.cond.${c.effect}`) : '';
  return `${st(`screen.cond.${c.kind}`)}${figures} ${st(`screen.cond.${c.outcome}`)}${effect}`;
}
