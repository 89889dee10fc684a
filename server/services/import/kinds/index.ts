import type { ImportKind } from '../types';
import { casesKind } from './cases';
import type { KindSpec } from './common';
import { complaintsKind } from './complaints';
import { enterprisesKind } from './enterprises';
import { findingsKind } from './findings';
import { insuranceKind } from './insurance';
import { onlineKind } from './online';
import { outletsKind } from './outlets';
import { parksKind } from './parks';
import { readingsKind } from './readings';
import { sectionsKind } from './sections';
import { waterUseKind } from './water-use';

// biome-ignore lint/suspicious/noExplicitAny: each kind has its own record type; the pipeline treats them alike.
export const KINDS: Record<ImportKind, KindSpec<any>> = {
  enterprises: enterprisesKind,
  parks: parksKind,
  sections: sectionsKind,
  readings: readingsKind,
  cases: casesKind,
  complaints: complaintsKind,
  findings: findingsKind,
  insurance: insuranceKind,
  'water-use': waterUseKind,
  outlets: outletsKind,
  online: onlineKind,
};
