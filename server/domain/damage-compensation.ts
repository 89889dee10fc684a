/**
 * A damage compensation (生态环境损害赔偿, the Zhenjiang model) as the code sees it on a day.
 * Agreed and not paid by that day, it is unpaid and caps the code at red however old the case.
 * A payment without a date cannot be placed in time, so it does not clear the debt.
 */
export type DamageFacts = { agreed: string; paid: boolean; paidDate: string | null };

export function damageUnpaidOn(d: DamageFacts, day: string): boolean {
  return d.agreed <= day && (!d.paid || d.paidDate === null || d.paidDate > day);
}

/** Paid on or before `day`, or still owed then (a payment after the day is shown beside it). */
export function damageState(d: DamageFacts, day: string): 'paid' | 'unpaid' {
  return d.paid && d.paidDate !== null && d.paidDate <= day ? 'paid' : 'unpaid';
}
