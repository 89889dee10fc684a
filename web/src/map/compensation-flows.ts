/**
 * The compensation result of a year as map flows: one arrow per settled agreement from the
 * county that pays to the one that is paid, width by amount, dashed while the year is only
 * projected. Agreements with insufficient data settle nothing and draw nothing.
 */
import type { CompensationAgreement } from '../api/get-compensation';
import { type FlowGeometry, flowGeometry, flowWidth, type LonLat } from './flow-geometry';

export type Flow = {
  agreementId: number;
  payer: string;
  payee: string;
  P: number;
  amount: number;
  projected: boolean;
  width: number;
} & FlowGeometry;

export function compensationFlows(
  agreements: CompensationAgreement[],
  positionOf: (countyCode: string) => LonLat | undefined,
): Flow[] {
  const settled = agreements.filter((a) => a.direction !== null && a.P !== null);
  const maxAmount = Math.max(0, ...settled.map((a) => a.amount));
  return settled.flatMap((a) => {
    const [payer, payee] = a.direction === 'downstream_pays' ? [a.downstream, a.upstream] : [a.upstream, a.downstream];
    const from = positionOf(payer.code);
    const to = positionOf(payee.code);
    if (!from || !to) return [];
    return [
      {
        agreementId: a.id,
        payer: payer.name,
        payee: payee.name,
        P: a.P as number,
        amount: a.amount,
        projected: a.status === 'projected',
        width: flowWidth(a.amount, maxAmount),
        ...flowGeometry(from, to),
      },
    ];
  });
}
