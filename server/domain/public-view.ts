/**
 * What the public (no login: lobby screens, passers-by) sees of an enterprise's records — one
 * home for it, used by the enterprise detail and its code. Administrative penalty facts are
 * public by law (政府信息公开: 行政处罚决定): case number, date, medium, penalty and status.
 * Complaint and finding texts, steward reports, contacts, premiums and subsidy amounts, damage
 * compensations and the ids of the records behind a code (evidence) are not: the public gets
 * counts of findings and complaints instead.
 * Exports carry only public columns, and the event stream only the data version.
 */

type Case = {
  id: number;
  caseNo: string;
  filed: string;
  medium: string;
  severity: string;
  penalty: number;
  status: string;
};
type Finding = { state: 'rectified' | 'overdue' | 'open' };
type Complaint = { verified: boolean };
type Inspection = { id: number; date: string; type: string; result: string };
type Policy = { id: number; premium: number; subsidyPayer: string | null; subsidyAmount: number };

type Detail = {
  contact: unknown;
  cases: Case[];
  findings: Finding[];
  complaints: Complaint[];
  inspections: Inspection[];
  insurance: Policy[];
  damageCompensations: unknown[];
};

/** Counts everyone may see, so a public page can say "3 findings, 1 overdue" without their texts. */
export function recordCounts(d: Pick<Detail, 'findings' | 'complaints'>) {
  const state = (s: Finding['state']) => d.findings.filter((f) => f.state === s).length;
  return {
    findings: {
      total: d.findings.length,
      rectified: state('rectified'),
      overdue: state('overdue'),
      open: state('open'),
    },
    complaints: { total: d.complaints.length, verified: d.complaints.filter((c) => c.verified).length },
  };
}

type Row<D, K extends keyof D> = D[K] extends (infer T)[] ? T : never;

/** An enterprise's detail as `privileged` staff or the public may see it. */
export function enterpriseView<D extends Detail>(d: D, privileged: boolean) {
  const counts = recordCounts(d);
  if (privileged) return { ...d, counts };
  const { contact, findings, complaints, cases, inspections, insurance, damageCompensations, ...rest } = d;
  return {
    ...rest,
    cases: cases.map(({ caseNo, filed, medium, penalty, status }) => ({ caseNo, filed, medium, penalty, status })),
    inspections: inspections.map(({ id, ...i }) => i),
    insurance: insurance.map(({ id, premium, subsidyPayer, subsidyAmount, ...p }) => p) as Omit<
      Row<D, 'insurance'>,
      'id' | 'premium' | 'subsidyPayer' | 'subsidyAmount'
    >[],
    counts,
  };
}

/** A code's reasons without the ids of the records behind them, for the public. */
export function codeView<
  R extends { evidence: unknown[] },
  C extends { reasons: R[]; pathToGreen?: { evidence: unknown[] }[] },
>(code: C, privileged: boolean): C {
  if (privileged) return code;
  const reasons = code.reasons.map((r) => ({ ...r, evidence: [] }));
  // The path to green names the same records (a case, a finding) as its steps' evidence.
  return code.pathToGreen
    ? { ...code, reasons, pathToGreen: code.pathToGreen.map((p) => ({ ...p, evidence: [] })) }
    : { ...code, reasons };
}
