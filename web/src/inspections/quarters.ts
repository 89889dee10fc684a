import { dayOf } from '../../../server/domain/dates';
/** Quarters as the plan endpoint names them: 2026Q4. */
export function quarterOf(d: Date): string {
  const day = dayOf(d);
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The previous, current and next quarter around `d`. */
export function quarterChoices(d: Date): string[] {
  const day = dayOf(d);
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  return [-1, 0, 1].map((k) => {
    const i = y * 4 + q + k;
    return `${Math.floor(i / 4)}Q${(i % 4) + 1}`;
  });
}
