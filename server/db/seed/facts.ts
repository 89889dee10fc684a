// Supervision facts over the three years before asOf, per enterprise: inspections and their
// findings, third-party health checks by insurance stewards, complaints, violation cases with
// damage compensation, green-insurance policies and online-monitoring exceedance days.
// Rates scale with the enterprise's latent risk, so risky parks and towns become hotspots.
import type { InferInsertModel } from 'drizzle-orm';
import { latLngToCell } from 'h3-js';
import { addDays, addMonths } from '../../domain/dates';
import { normal, pick, randInt, weightedPick } from '../../domain/random';
import type {
  complaints,
  damageCompensations,
  findings,
  inspections,
  insurancePolicies,
  onlineExceedances,
  violationCases,
} from '../schema';
import type { EnterpriseDraft } from './enterprises';
import { mediumWeights } from './industries';
import {
  CASE_SUMMARIES,
  COMPLAINT_TEXTS,
  FINDING_TEXTS,
  INSURER_CODES,
  INSURER_WEIGHTS,
  INSURERS,
  mobilePhone,
  personName,
  STEWARDS,
} from './names';
import { chance, clamp, logNormal, poisson, type Rng, stageRng, uniform } from './rng';
import { offsetMetres } from './spatial';

type WithId<T> = T & { id: number };
export type FactRows = {
  inspections: WithId<InferInsertModel<typeof inspections>>[];
  findings: WithId<InferInsertModel<typeof findings>>[];
  complaints: WithId<InferInsertModel<typeof complaints>>[];
  cases: WithId<InferInsertModel<typeof violationCases>>[];
  damage: WithId<InferInsertModel<typeof damageCompensations>>[];
  insurance: WithId<InferInsertModel<typeof insurancePolicies>>[];
  exceedances: WithId<InferInsertModel<typeof onlineExceedances>>[];
};

/** Yearly rates for an enterprise of risk 1; tuned so that codes come out ≈ 80/15/5 %. */
const RATES = {
  cases: 0.16,
  majorShare: 0.1,
  complaints: 0.42,
  verifiedShare: 0.4,
  routineKey: 1.2,
  routineOther: 0.25,
  doubleRandom: 0.2,
  insuredKey: 0.65,
  insuredOther: 0.32,
  stewardShare: 0.85,
  damageShareOfMajor: 0.3,
  exceedanceKeyShare: 0.25,
};

const MEDIA = ['water', 'air', 'solid', 'noise'] as const;
type Medium = (typeof MEDIA)[number];
const EXCEEDANCE_POLLUTANTS: Record<Medium, string[]> = {
  water: ['COD', '氨氮', '总磷'],
  air: ['SO2', 'NOx', '颗粒物'],
  solid: ['COD', '颗粒物'],
  noise: ['颗粒物', 'NOx'],
};
const H3_RESOLUTION = 9;

/** Sequential ids per table across chunks, so explicit ids need no round trip. */
export class IdCounters {
  inspections = 0;
  findings = 0;
  complaints = 0;
  cases = 0;
  damage = 0;
  insurance = 0;
  exceedances = 0;
}

export class FactGenerator {
  private readonly rng: Rng;
  private readonly start: string;
  /** Day strings for offsets 0…span (asOf); offsets beyond use addDays. */
  private readonly days: string[];
  private readonly span: number;

  constructor(
    seed: number,
    asOf: string,
    private readonly ids: IdCounters,
  ) {
    this.rng = stageRng(seed, 'facts');
    this.start = addMonths(asOf, -36);
    this.days = [];
    for (let d = this.start; d <= asOf; d = addDays(d, 1)) this.days.push(d);
    this.span = this.days.length - 1;
  }

  private day(offset: number): string {
    return offset >= 0 && offset <= this.span ? this.days[offset] : addDays(this.start, offset);
  }

  generate(drafts: EnterpriseDraft[]): FactRows {
    const out: FactRows = {
      inspections: [],
      findings: [],
      complaints: [],
      cases: [],
      damage: [],
      insurance: [],
      exceedances: [],
    };
    for (const d of drafts) this.forEnterprise(d, out);
    return out;
  }

  private forEnterprise(draft: EnterpriseDraft, out: FactRows): void {
    const { rng } = this;
    const e = draft.row;
    const r = draft.risk;
    const years = 3;
    const weights = mediumWeights(e.industryCode);
    const medium = (): Medium => weightedPick(rng, MEDIA, weights);

    const addFindings = (inspectionId: number | null, foundOffset: number, count: number, diligence: number) => {
      for (let i = 0; i < count; i++) {
        const deadlineDays = randInt(rng, 15, 60);
        let rectifiedOffset: number | null = null;
        if (chance(rng, diligence)) {
          // Mostly on time; a tenth late by up to a month.
          const late = chance(rng, 0.1) ? randInt(rng, 1, 30) : 0;
          rectifiedOffset = foundOffset + Math.min(deadlineDays, randInt(rng, 3, deadlineDays)) + late;
        }
        out.findings.push({
          id: ++this.ids.findings,
          enterpriseId: e.id,
          inspectionId,
          source: inspectionId === null ? 'third_party' : 'inspection',
          description: pick(rng, FINDING_TEXTS),
          found: this.day(foundOffset),
          deadline: this.day(foundOffset + deadlineDays),
          rectified: rectifiedOffset !== null && rectifiedOffset <= this.span ? this.day(rectifiedOffset) : null,
        });
      }
    };
    const diligence = clamp(0.93 - 0.05 * Math.sqrt(r), 0.6, 0.93);
    const inspect = (
      offset: number,
      type: 'routine' | 'double_random' | 'complaint' | 'focused',
      issueChance: number,
      maxFindings: number,
      rectifyChance = diligence,
    ) => {
      if (offset < 0 || offset > this.span) return;
      const issues = chance(rng, issueChance);
      const id = ++this.ids.inspections;
      out.inspections.push({
        id,
        enterpriseId: e.id,
        date: this.day(offset),
        type,
        result: issues ? 'issues_found' : 'compliant',
        inspector: `${personName(rng)}、${personName(rng)}`,
      });
      if (issues) addFindings(id, offset, randInt(rng, 1, maxFindings), rectifyChance);
    };
    const complain = (offset: number, verified: boolean, m: Medium, attributed: boolean) => {
      if (offset < 0 || offset > this.span) return;
      const [rawLon, rawLat] = offsetMetres(
        e.lon,
        e.lat,
        normal(rng, 0, attributed ? 150 : 700),
        normal(rng, 0, attributed ? 150 : 700),
      );
      const lon = Math.round(rawLon * 1e6) / 1e6;
      const lat = Math.round(rawLat * 1e6) / 1e6;
      out.complaints.push({
        id: ++this.ids.complaints,
        enterpriseId: attributed ? e.id : null,
        channel: chance(rng, 0.6) ? '12345' : '12369',
        received: this.day(offset),
        summary: pick(rng, COMPLAINT_TEXTS[m]),
        verified,
        lon,
        lat,
        h3: latLngToCell(lat, lon, H3_RESOLUTION),
        complainantName: personName(rng),
        complainantPhone: mobilePhone(rng),
      });
      if (verified && attributed) inspect(offset + randInt(rng, 1, 5), 'complaint', 0.7, 2);
    };

    // Green insurance, renewed yearly from a start one to three years back; some lapse.
    const insured = chance(rng, e.keyPollutant ? RATES.insuredKey : RATES.insuredOther);
    if (insured) {
      const insurer = weightedPick(rng, INSURERS, INSURER_WEIGHTS);
      const steward = chance(rng, RATES.stewardShare) ? pick(rng, STEWARDS) : null;
      const premium =
        Math.round(
          clamp(logNormal(rng, 15_000 * Math.sqrt(r) * (e.keyPollutant ? 1.8 : 1), 0.4), 5_000, 80_000) / 100,
        ) * 100;
      const subsidyRate = Math.round(uniform(rng, 0.3, 0.5) * 100) / 100;
      const riskLevel = r > 2 ? 'high' : r > 1 ? 'medium' : 'low';
      const lapses = chance(rng, 0.1);
      for (let s = randInt(rng, 0, 730); s <= this.span; s += 365) {
        if (lapses && s + 365 > this.span && s > 365) break;
        const year = this.day(s).slice(0, 4);
        out.insurance.push({
          id: ++this.ids.insurance,
          enterpriseId: e.id,
          policyNo: `${INSURER_CODES[insurer]}${year}3308${String(this.ids.insurance).padStart(7, '0')}`,
          insurer,
          stewardOrg: steward,
          start: this.day(s),
          end: this.day(s + 364),
          premium,
          subsidyRate,
          subsidyPayer: `${draft.countyName}财政`,
          riskLevel,
        });
        // The steward's health checks (环保体检): many small findings, promptly rectified.
        if (steward) {
          for (let c = 0, checks = randInt(rng, 1, 2); c < checks; c++) {
            const offset = s + randInt(rng, 15, 330);
            if (offset > this.span) continue;
            addFindings(null, offset, 1 + poisson(rng, 2.5), 0.96);
          }
        }
      }
    }

    // Routine and double-random inspections.
    const routine = poisson(rng, (e.keyPollutant ? RATES.routineKey : RATES.routineOther) * years);
    for (let i = 0; i < routine; i++)
      inspect(randInt(rng, 0, this.span), 'routine', clamp(0.2 * Math.sqrt(r), 0.05, 0.7), 3);
    const random = poisson(rng, RATES.doubleRandom * years);
    for (let i = 0; i < random; i++)
      inspect(randInt(rng, 0, this.span), 'double_random', clamp(0.25 * Math.sqrt(r), 0.05, 0.8), 3);

    // Complaints on their own; a small share concerns the neighbourhood rather than this firm.
    const complaintCount = poisson(rng, RATES.complaints * Math.sqrt(r) * years);
    for (let i = 0; i < complaintCount; i++) {
      complain(randInt(rng, 0, this.span), chance(rng, RATES.verifiedShare), medium(), true);
    }
    if (chance(rng, 0.02)) complain(randInt(rng, 0, this.span), chance(rng, 0.2), medium(), false);

    // Violation cases: an inspection (often after a verified complaint) finds it, then filing.
    // Damped in the firm's own propensity (so repeat offenders stay a minority) but linear in the
    // place: hot parks and towns must stand out as hotspots.
    const caseCount = poisson(rng, RATES.cases * Math.sqrt(r / draft.place) * draft.place * years);
    for (let i = 0; i < caseCount; i++) {
      const filed = randInt(rng, 20, this.span);
      const m = medium();
      if (chance(rng, 0.2)) complain(filed - randInt(rng, 10, 30), true, m, true);
      // Findings tied to a case are rectified under focused supervision, nearly always.
      inspect(filed - randInt(rng, 3, 9), chance(rng, 0.5) ? 'focused' : 'double_random', 0.9, 2, 0.97);
      const major = chance(rng, RATES.majorShare * (r > 2 ? 1.5 : 1));
      const penalty = major
        ? clamp(logNormal(rng, 350_000, 0.5), 100_000, 1_000_000)
        : clamp(logNormal(rng, 50_000, 0.8), 10_000, 1_000_000);
      const caseId = ++this.ids.cases;
      out.cases.push({
        id: caseId,
        // Renumbered in filing order once all chunks are in (see renumberCases).
        caseNo: `TMP-${caseId}`,
        enterpriseId: e.id,
        filed: this.day(filed),
        medium: m,
        severity: major ? 'major' : 'general',
        penalty: Math.round(penalty / 1000) * 1000,
        status: filed > this.span - 90 && chance(rng, 0.7) ? 'open' : 'closed',
        summary: pick(rng, CASE_SUMMARIES[m][major ? 'major' : 'general']),
        lon: e.lon,
        lat: e.lat,
        h3: latLngToCell(e.lat, e.lon, H3_RESOLUTION),
      });
      // Follow-up: focused supervision after the case.
      inspect(filed + randInt(rng, 20, 60), 'focused', 0.3, 2, 0.97);
      if (major && chance(rng, RATES.damageShareOfMajor)) {
        const agreed = filed + randInt(rng, 30, 120);
        if (agreed <= this.span) {
          const paidOffset = agreed + randInt(rng, 7, 90);
          const paid = chance(rng, 0.75) && paidOffset <= this.span;
          out.damage.push({
            id: ++this.ids.damage,
            caseId,
            amount: Math.round(clamp(logNormal(rng, 120_000, 0.8), 5_000, 3_000_000) / 100) * 100,
            method: weightedPick(rng, ['money', 'labour', 'restoration'] as const, [0.6, 0.15, 0.25]),
            agreed: this.day(agreed),
            paid,
            paidDate: paid ? this.day(paidOffset) : null,
          });
        }
      }
    }

    // Online monitoring: a few key units have short runs of exceedance days.
    if (e.keyPollutant && chance(rng, RATES.exceedanceKeyShare)) {
      const seen = new Set<string>();
      const episodes = 1 + poisson(rng, 1.5 * Math.sqrt(r));
      for (let i = 0; i < episodes; i++) {
        const first = randInt(rng, 0, this.span);
        const pollutant = pick(rng, EXCEEDANCE_POLLUTANTS[medium()]);
        for (let k = 0, n = randInt(rng, 1, 5); k < n && first + k <= this.span; k++) {
          const day = this.day(first + k);
          if (seen.has(day + pollutant)) continue;
          seen.add(day + pollutant);
          // Marked as from another system: days derived from monitoring data are `online` rows.
          out.exceedances.push({ id: ++this.ids.exceedances, enterpriseId: e.id, day, pollutant, source: 'import' });
        }
      }
    }
  }
}
