/**
 * Reasons in the code name the records behind them (evidence ids); the panel's record lists give
 * each record an element id, so a reason can open its section, scroll the record into view and
 * mark it. Ids are per kind because cases, findings and complaints are numbered separately.
 */
export type EvidenceKind = 'case' | 'finding' | 'complaint' | 'damage' | 'policy';

export const evidenceId = (kind: EvidenceKind, id: number | string) => `evidence-${kind}-${id}`;

/** The kind of record each point rule's evidence ids refer to; rules without records map to none. */
export const RULE_EVIDENCE: Record<string, EvidenceKind | undefined> = {
  caseMajor: 'case',
  caseGeneral: 'case',
  verifiedComplaint: 'complaint',
  findingOverdue: 'finding',
  findingOpen: 'finding',
  rectificationBonus: 'finding',
};

const MARK = 'is-evidence';

/** Opens, scrolls to and marks the records; false when none of them is in the panel. */
export function showEvidence(kind: EvidenceKind, ids: (number | string)[]): boolean {
  const found = ids
    .map((id) => document.getElementById(evidenceId(kind, id)))
    .filter((el): el is HTMLElement => el !== null);
  if (found.length === 0) return false;
  for (const el of document.querySelectorAll(`.${MARK}`)) el.classList.remove(MARK);
  for (const el of found) {
    for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
    el.classList.add(MARK);
  }
  const first = found[0];
  first.scrollIntoView({ block: 'center' });
  // Keyboard and screen-reader users land on the record too.
  first.focus({ preventScroll: true });
  return true;
}
