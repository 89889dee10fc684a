// A finding's state and the rectification rate: one definition for the three-colour code, the
// enterprise story, the KPI card and the park panel (services/rectification.ts is its SQL form).
import { toDay } from './dates';

export type FindingState = 'rectified' | 'overdue' | 'open';

/**
 * As of `asOf`: rectified if rectified on or before it (a later rectification does not count
 * yet); else overdue once the deadline has passed (deadline before asOf); else open.
 */
export function findingState(f: { deadline: string; rectified?: string | null }, asOf: string): FindingState {
  if (f.rectified && toDay(f.rectified) <= asOf) return 'rectified';
  return toDay(f.deadline) < asOf ? 'overdue' : 'open';
}

export type RectificationTally = { rectified: number; overdue: number; open: number };

/**
 * 整改率: rectified ÷ findings due, where "due" is rectified or overdue. A finding still within
 * its deadline has not failed yet, so it is in neither count. Null when nothing is due.
 */
export function rectification(t: RectificationTally): { total: number; rectified: number; rate: number | null } {
  const total = t.rectified + t.overdue;
  return { total, rectified: t.rectified, rate: total ? t.rectified / total : null };
}
