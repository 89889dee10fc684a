import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

// Geometry is stored as GeoJSON (jsonb) plus bbox columns so that the same schema runs on PGlite,
// which has no PostGIS. Points are WGS84 lon/lat; H3 cells are computed at write time.

export type GeoJsonGeometry = { type: string; coordinates: unknown };

const bboxColumns = {
  minLon: doublePrecision('min_lon'),
  minLat: doublePrecision('min_lat'),
  maxLon: doublePrecision('max_lon'),
  maxLat: doublePrecision('max_lat'),
};

/** Key/value facts about the database itself: data version, demo flag, seed parameters. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Administrative divisions, GB/T 2260 codes (county 6 digits, town 9/12 digits). */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 12 }).primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county', 'town', 'village'] }).notNull(),
    parentCode: varchar('parent_code', { length: 12 }).references((): AnyPgColumn => regions.code),
    centerLon: doublePrecision('center_lon'),
    centerLat: doublePrecision('center_lat'),
    ...bboxColumns,
    geometry: jsonb('geometry').$type<GeoJsonGeometry>(),
  },
  (t) => [index('regions_level_idx').on(t.level), index('regions_parent_idx').on(t.parentCode)],
);

/** Three-level environmental grid (Zhenhai model): 1 county departments, 2 town/street/park, 3 village/community. */
export const grids = pgTable(
  'grids',
  {
    id: serial('id').primaryKey(),
    level: integer('level').notNull(),
    name: text('name').notNull(),
    regionCode: varchar('region_code', { length: 12 }).references(() => regions.code),
    parentId: integer('parent_id').references((): AnyPgColumn => grids.id),
    ...bboxColumns,
    geometry: jsonb('geometry').$type<GeoJsonGeometry>(),
    managerName: text('manager_name'),
    managerPhone: text('manager_phone'),
  },
  (t) => [index('grids_level_idx').on(t.level), index('grids_region_idx').on(t.regionCode)],
);

export const parks = pgTable(
  'parks',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    kind: text('kind', { enum: ['工业园区', '小微园', '开发区'] }).notNull(),
    countyCode: varchar('county_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    centerLon: doublePrecision('center_lon').notNull(),
    centerLat: doublePrecision('center_lat').notNull(),
    ...bboxColumns,
    geometry: jsonb('geometry').$type<GeoJsonGeometry>().notNull(),
    industryCodes: jsonb('industry_codes').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [index('parks_county_idx').on(t.countyCode)],
);

/** GB/T 4754-2017 national economic industry classification (section letter + 2–4 digits). */
export const industries = pgTable('industries', {
  code: varchar('code', { length: 5 }).primaryKey(),
  name: text('name').notNull(),
  parentCode: varchar('parent_code', { length: 5 }).references((): AnyPgColumn => industries.code),
});

export const enterprises = pgTable(
  'enterprises',
  {
    id: serial('id').primaryKey(),
    uscc: varchar('uscc', { length: 18 }).notNull().unique(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    sourceCrs: text('source_crs', { enum: ['wgs84', 'gcj02', 'bd09'] })
      .notNull()
      .default('wgs84'),
    h3: varchar('h3', { length: 16 }).notNull(),
    countyCode: varchar('county_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    townCode: varchar('town_code', { length: 12 }).references(() => regions.code),
    parkId: integer('park_id').references(() => parks.id),
    gridId: integer('grid_id').references(() => grids.id),
    industryCode: varchar('industry_code', { length: 5 })
      .notNull()
      .references(() => industries.code),
    keyPollutant: boolean('key_pollutant').notNull().default(false),
    status: text('status', { enum: ['operating', 'suspended', 'closed'] })
      .notNull()
      .default('operating'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    // Denormalised from the latest code assessment so that map layers need no join.
    colour: text('colour', { enum: ['green', 'yellow', 'red'] })
      .notNull()
      .default('green'),
    score: integer('score').notNull().default(100),
    insured: boolean('insured').notNull().default(false),
    codeEvaluatedAt: date('code_evaluated_at'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enterprises_county_idx').on(t.countyCode),
    index('enterprises_town_idx').on(t.townCode),
    index('enterprises_park_idx').on(t.parkId),
    index('enterprises_industry_idx').on(t.industryCode),
    index('enterprises_colour_idx').on(t.colour),
    index('enterprises_h3_idx').on(t.h3),
    index('enterprises_lon_lat_idx').on(t.lon, t.lat),
  ],
);

export const inspections = pgTable(
  'inspections',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    type: text('type', { enum: ['routine', 'double_random', 'complaint', 'focused'] }).notNull(),
    result: text('result', { enum: ['compliant', 'issues_found'] }).notNull(),
    inspector: text('inspector'),
  },
  (t) => [index('inspections_enterprise_date_idx').on(t.enterpriseId, t.date)],
);

export const findings = pgTable(
  'findings',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    inspectionId: integer('inspection_id').references(() => inspections.id, { onDelete: 'set null' }),
    source: text('source', { enum: ['inspection', 'third_party'] }).notNull(),
    description: text('description').notNull(),
    found: date('found').notNull(),
    deadline: date('deadline').notNull(),
    rectified: date('rectified'),
  },
  (t) => [index('findings_enterprise_found_idx').on(t.enterpriseId, t.found)],
);

export const complaints = pgTable(
  'complaints',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id, { onDelete: 'set null' }),
    channel: text('channel', { enum: ['12345', '12369'] }).notNull(),
    received: date('received').notNull(),
    summary: text('summary').notNull(),
    verified: boolean('verified').notNull().default(false),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    h3: varchar('h3', { length: 16 }).notNull(),
    complainantName: text('complainant_name'),
    complainantPhone: text('complainant_phone'),
  },
  (t) => [
    index('complaints_enterprise_idx').on(t.enterpriseId, t.received),
    index('complaints_received_idx').on(t.received),
  ],
);

export const violationCases = pgTable(
  'violation_cases',
  {
    id: serial('id').primaryKey(),
    caseNo: text('case_no').notNull().unique(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    filed: date('filed').notNull(),
    medium: text('medium', { enum: ['water', 'air', 'solid', 'noise'] }).notNull(),
    severity: text('severity', { enum: ['general', 'major'] }).notNull(),
    penalty: doublePrecision('penalty').notNull().default(0),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    summary: text('summary').notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    h3: varchar('h3', { length: 16 }).notNull(),
  },
  (t) => [index('cases_enterprise_idx').on(t.enterpriseId, t.filed), index('cases_filed_idx').on(t.filed)],
);

/** Zhenhai/Zhenjiang damage-compensation model: money, labour substitution or restoration. */
export const damageCompensations = pgTable(
  'damage_compensations',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => violationCases.id, { onDelete: 'cascade' }),
    amount: doublePrecision('amount').notNull(),
    method: text('method', { enum: ['money', 'labour', 'restoration'] }).notNull(),
    agreed: date('agreed').notNull(),
    paid: boolean('paid').notNull().default(false),
    paidDate: date('paid_date'),
  },
  (t) => [index('damage_case_idx').on(t.caseId)],
);

/** Ningbo green insurance: insurer + third-party environmental steward, premium subsidised. */
export const insurancePolicies = pgTable(
  'insurance_policies',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    policyNo: text('policy_no').notNull().unique(),
    insurer: text('insurer').notNull(),
    stewardOrg: text('steward_org'),
    start: date('start').notNull(),
    end: date('end').notNull(),
    premium: doublePrecision('premium').notNull(),
    subsidyRate: doublePrecision('subsidy_rate').notNull().default(0),
    subsidyPayer: text('subsidy_payer'),
    riskLevel: text('risk_level', { enum: ['low', 'medium', 'high'] }).notNull(),
  },
  (t) => [index('insurance_enterprise_idx').on(t.enterpriseId, t.end)],
);

/**
 * Days on which an enterprise's online monitoring exceeded its permit limits. `online` rows are
 * derived from the valid daily means of its outlets (services/online) and replaced when the data
 * changes; `import` rows come from other systems through the import and are left alone.
 */
export const onlineExceedances = pgTable(
  'online_exceedances',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    pollutant: text('pollutant').notNull(),
    source: text('source', { enum: ['import', 'online'] })
      .notNull()
      .default('import'),
    // For `online` rows: the outlet with the worst daily mean / limit that day, and the figures.
    outletId: integer('outlet_id').references(() => outlets.id, { onDelete: 'cascade' }),
    mean: doublePrecision('mean'),
    limit: doublePrecision('limit'),
  },
  (t) => [uniqueIndex('exceedance_enterprise_day_idx').on(t.enterpriseId, t.day, t.pollutant, t.source)],
);

/** Discharge outlets (排放口) with their data logger's MN and access password (HJ 212-2017). */
export const outlets = pgTable(
  'outlets',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name'),
    mn: varchar('mn', { length: 24 }).notNull().unique(),
    pw: text('pw').notNull(),
    medium: text('medium', { enum: ['water', 'gas'] }).notNull(),
  },
  (t) => [uniqueIndex('outlets_enterprise_code_idx').on(t.enterpriseId, t.code)],
);

/** What an outlet monitors: HJ 212 pollutant code, unit, permit limit, instrument range, detection limit. */
export const outletPollutants = pgTable(
  'outlet_pollutants',
  {
    outletId: integer('outlet_id')
      .notNull()
      .references(() => outlets.id, { onDelete: 'cascade' }),
    code: varchar('code', { length: 16 }).notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    limit: doublePrecision('limit'),
    range: doublePrecision('range'),
    detectionLimit: doublePrecision('detection_limit'),
  },
  (t) => [primaryKey({ columns: [t.outletId, t.code] })],
);

/** A value replaced by a corrected packet: the old figures, kept for audit. */
export const onlineRevisions = pgTable(
  'online_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outletId: integer('outlet_id')
      .notNull()
      .references(() => outlets.id, { onDelete: 'cascade' }),
    pollutant: varchar('pollutant', { length: 16 }).notNull(),
    kind: text('kind', { enum: ['rtd', 'minute', 'hour', 'day'] }).notNull(),
    time: timestamp('time', { withTimezone: true, mode: 'string' }).notNull(),
    old: jsonb('old').notNull(),
    new: jsonb('new').notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('online_revisions_outlet_time_idx').on(t.outletId, t.time)],
);

/** Every code assessment is kept: a change of colour is history, never overwritten. */
export const codeAssessments = pgTable(
  'code_assessments',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    asOf: date('as_of').notNull(),
    colour: text('colour', { enum: ['green', 'yellow', 'red'] }).notNull(),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').notNull(),
    rulesVersion: text('rules_version').notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('code_assessments_enterprise_idx').on(t.enterpriseId, t.asOf)],
);

/** Double-random inspection plans; the seed is stored so the draw can be audited and reproduced. */
export const inspectionPlans = pgTable('inspection_plans', {
  id: serial('id').primaryKey(),
  period: text('period').notNull(),
  seed: integer('seed').notNull(),
  yellowRate: doublePrecision('yellow_rate').notNull(),
  red: jsonb('red').$type<number[]>().notNull(),
  sampledYellow: jsonb('sampled_yellow').$type<number[]>().notNull(),
  // Enterprises with open monitoring-data flags, always planned; the kinds are the reason.
  flagged: jsonb('flagged').$type<{ id: number; kinds: string[] }[]>().notNull().default([]),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const rivers = pgTable('rivers', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  basin: text('basin').notNull(),
  geometry: jsonb('geometry').$type<GeoJsonGeometry>().notNull(),
});

export const sections = pgTable(
  'sections',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    riverId: integer('river_id').references(() => rivers.id),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    countyCode: varchar('county_code', { length: 12 }).references(() => regions.code),
    upstreamCounty: varchar('upstream_county', { length: 12 }).references(() => regions.code),
    downstreamCounty: varchar('downstream_county', { length: 12 }).references(() => regions.code),
    waterBody: text('water_body', { enum: ['river', 'lake'] })
      .notNull()
      .default('river'),
    targetClass: text('target_class').notNull().default('III'),
    handover: boolean('handover').notNull().default(false),
    // The automatic station's sampling interval: coverage counts readings against it.
    samplingIntervalHours: doublePrecision('sampling_interval_hours').notNull().default(4),
  },
  (t) => [index('sections_river_idx').on(t.riverId)],
);

/** 4-hourly automatic station readings (mg/L except pH, °C, NTU, µS/cm). */
export const readings = pgTable(
  'readings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sectionId: integer('section_id')
      .notNull()
      .references(() => sections.id, { onDelete: 'cascade' }),
    time: timestamp('time', { withTimezone: true, mode: 'string' }).notNull(),
    ph: doublePrecision('ph'),
    do: doublePrecision('do'),
    codmn: doublePrecision('codmn'),
    nh3n: doublePrecision('nh3n'),
    tp: doublePrecision('tp'),
    tn: doublePrecision('tn'),
    temperature: doublePrecision('temperature'),
    turbidity: doublePrecision('turbidity'),
    conductivity: doublePrecision('conductivity'),
    /** Discharge at the section, m³/s (the Zhejiang opinion's water-quantity condition). */
    flow: doublePrecision('flow'),
    valid: boolean('valid').notNull().default(true),
    // Class at write time (GB 3838-2002 single-factor); null when no indicator is evaluable.
    class: text('class'),
  },
  (t) => [uniqueIndex('readings_section_time_idx').on(t.sectionId, t.time)],
);

export const compensationAgreements = pgTable('compensation_agreements', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  upstreamCode: varchar('upstream_code', { length: 12 })
    .notNull()
    .references(() => regions.code),
  downstreamCode: varchar('downstream_code', { length: 12 })
    .notNull()
    .references(() => regions.code),
  sectionId: integer('section_id')
    .notNull()
    .references(() => sections.id),
  indicators: jsonb('indicators').$type<string[]>().notNull(),
  weights: jsonb('weights').$type<Record<string, number>>().notNull(),
  k0: doublePrecision('k0').notNull().default(0.85),
  // Entered baseline; when null it is computed from the three years before startYear.
  baseline: jsonb('baseline').$type<Record<string, number> | null>(),
  amount: doublePrecision('amount').notNull(),
  targetClass: text('target_class').notNull().default('III'),
  startYear: integer('start_year').notNull(),
  // Null: open-ended. Years outside startYear…endYear (baseline years included) are not in force.
  endYear: integer('end_year'),
  coverageThreshold: doublePrecision('coverage_threshold').notNull().default(0.75),
  // Zhejiang 2018 opinion, assessed from data where set: the hand-over section's annual mean flow
  // (m³/s) against a minimum, and the upstream county's total water use (万m³) against a cap and
  // its water use per 10,000 CNY of GDP against the year before.
  minFlow: doublePrecision('min_flow'),
  flowEffect: text('flow_effect', { enum: ['proportional', 'report'] })
    .notNull()
    .default('proportional'),
  waterUseCap: doublePrecision('water_use_cap'),
  waterUseEfficiency: boolean('water_use_efficiency').notNull().default(false),
  waterUseEffect: text('water_use_effect', { enum: ['forfeit', 'report'] })
    .notNull()
    .default('forfeit'),
  // Other notes of the agreement, and its non-cash settlement forms.
  extraConditions: jsonb('extra_conditions').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  settlementForms: jsonb('settlement_forms').$type<string[]>().notNull().default(sql`'["money"]'::jsonb`),
});

/** A county's annual water statistics (水资源公报 / 统计年鉴), imported. */
export const countyWaterUse = pgTable(
  'county_water_use',
  {
    countyCode: varchar('county_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    /** Total water use, 万m³. */
    totalUse: doublePrecision('total_use').notNull(),
    /** GDP at comparable prices, 万元. */
    gdp: doublePrecision('gdp').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.year] })],
);

export const compensationAssessments = pgTable(
  'compensation_assessments',
  {
    id: serial('id').primaryKey(),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => compensationAgreements.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    baseline: jsonb('baseline').$type<Record<string, number>>().notNull(),
    means: jsonb('means').$type<Record<string, number>>().notNull(),
    p: doublePrecision('p'),
    direction: text('direction', { enum: ['downstream_pays', 'upstream_pays'] }),
    amount: doublePrecision('amount').notNull(),
    status: text('status', { enum: ['assessed', 'projected', 'insufficient_data'] }).notNull(),
    coverage: doublePrecision('coverage').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('comp_assess_agreement_year_idx').on(t.agreementId, t.year)],
);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['admin', 'leader', 'analyst'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed logins within the limiter's window (older rows are pruned): kept in the database so
 * that a restart does not reset the count, and shared by every API process.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ip: text('ip').notNull(),
    username: text('username').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_failures_ip_at_idx').on(t.ip, t.at), index('login_failures_at_idx').on(t.at)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details'),
    ip: text('ip'),
  },
  (t) => [index('audit_at_idx').on(t.at)],
);

export const importBatches = pgTable('import_batches', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  fileName: text('file_name').notNull(),
  crs: text('crs').notNull().default('wgs84'),
  rows: integer('rows').notNull(),
  accepted: integer('accepted').notNull(),
  rejected: integer('rejected').notNull(),
  errors: jsonb('errors').notNull(),
  dryRun: boolean('dry_run').notNull().default(false),
  partial: boolean('partial').notNull().default(false),
  userId: integer('user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// Monitoring values. Each is keyed by outlet + pollutant (+ kind) + time, so a resent packet
// stores nothing new and a corrected one replaces the value (the old one goes to online_revisions).
// online_hourly and online_minute are partitioned by month of `time` (Beijing months) in the
// hand-written migration 0002; drizzle-kit cannot express partitions, so these definitions serve
// queries only. Partitions are created on demand (services/online/partitions.ts).
const valueColumns = {
  outletId: integer('outlet_id')
    .notNull()
    .references(() => outlets.id, { onDelete: 'cascade' }),
  pollutant: varchar('pollutant', { length: 16 }).notNull(),
  time: timestamp('time', { withTimezone: true, mode: 'string' }).notNull(),
  avg: doublePrecision('avg'),
  min: doublePrecision('min'),
  max: doublePrecision('max'),
  cou: doublePrecision('cou'),
  // HJ 212 data flag: N normal, F stopped, M maintenance, S manual, D fault, C calibration, T over range, B comms.
  flag: varchar('flag', { length: 2 }).notNull().default('N'),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
};

/** Hourly values (CN 2061); `time` is the start of the hour. Partitioned by month. */
export const onlineHourly = pgTable('online_hourly', valueColumns, (t) => [
  primaryKey({ columns: [t.outletId, t.pollutant, t.time] }),
]);

/** Real-time (CN 2011, kind rtd: the Rtd value in `avg`) and minute (CN 2051) values. Partitioned by month, kept for HJ212_MINUTE_RETENTION_DAYS. */
export const onlineMinute = pgTable(
  'online_minute',
  { ...valueColumns, kind: text('kind', { enum: ['rtd', 'minute'] }).notNull() },
  (t) => [primaryKey({ columns: [t.outletId, t.pollutant, t.kind, t.time] })],
);

/** Daily values as the data logger computed them (CN 2031); `time` is 00:00 of the Beijing day. */
export const onlineDaily = pgTable('online_daily', valueColumns, (t) => [
  primaryKey({ columns: [t.outletId, t.pollutant, t.time] }),
]);

/**
 * Integrity flags (在线监测数据异常) found by domain/online-integrity over an outlet's hourly
 * values: evidence for inspectors, never points in the code. Recomputed per outlet window as data
 * arrives and upserted by outlet + pollutant + kind + start; `rulesVersion` is the rule set used.
 */
export const onlineFlags = pgTable(
  'online_flags',
  {
    id: serial('id').primaryKey(),
    outletId: integer('outlet_id')
      .notNull()
      .references(() => outlets.id, { onDelete: 'cascade' }),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    pollutant: varchar('pollutant', { length: 16 }).notNull(),
    kind: text('kind').notNull(),
    from: timestamp('from', { withTimezone: true, mode: 'string' }).notNull(),
    to: timestamp('to', { withTimezone: true, mode: 'string' }).notNull(),
    parameters: jsonb('parameters').notNull(),
    evidence: jsonb('evidence').notNull(),
    rulesVersion: text('rules_version').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('online_flags_key_idx').on(t.outletId, t.pollutant, t.kind, t.from),
    index('online_flags_enterprise_idx').on(t.enterpriseId, t.to),
    index('online_flags_to_idx').on(t.to),
  ],
);
