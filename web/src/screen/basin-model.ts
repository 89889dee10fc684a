/**
 * The basin compensation chain as the screen draws it: agreements in flow order with their
 * year's P, the water class of the year's mean of the assessed indicators (GB 3838, single
 * factor — the same pure domain function the server uses), who pays whom and how much.
 */
import { classifySample, type Sample } from '../../../server/domain/water-quality';
import type { Compensation, CompensationAgreement } from '../api/get-compensation';

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
      fromName: a.upstream.name,
      toName: a.downstream.name,
      section: a.sectionName,
      P: a.P,
      waterClass: cls,
      status: a.status,
      payer,
      payee,
      amount: a.direction ? a.amount : 0,
    };
  });
}

export const STATUS_TEXT: Record<CompensationAgreement['status'], string> = {
  assessed: '已考核',
  projected: '预测',
  insufficient_data: '数据不足',
  not_in_force: '不在协议期内',
};
