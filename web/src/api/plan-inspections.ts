import { useMutation } from '@tanstack/react-query';
import type { Me } from '../auth/session';
import { csrfHeaders } from '../auth/session';
import { client, ensureOk } from './client';

export type PlanInput = { period: string; yellowRate: number; seed?: number };

/**
 * The quarter's double-random list (POST /api/inspections/plan): every red enterprise plus a
 * seeded random share of the yellow ones. Staff only; the session's CSRF token goes along.
 */
export async function planInspections(input: PlanInput, me: Me | undefined) {
  const res = await ensureOk(await client.inspections.plan.$post({ json: input }, { headers: csrfHeaders(me) }));
  return res.json();
}
export type InspectionPlan = Awaited<ReturnType<typeof planInspections>>;

export const usePlanInspections = () =>
  useMutation({ mutationFn: ({ input, me }: { input: PlanInput; me: Me | undefined }) => planInspections(input, me) });
