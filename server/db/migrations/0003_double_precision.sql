-- Measurements and rates from float4 (real) to float8 (double precision), keeping the data.
-- A plain widening turns float4 0.1 into 0.10000000149011612, which fails "TP <= 0.1". Each value
-- therefore goes through its text form instead: PostgreSQL (12+, extra_float_digits >= 1) prints a
-- float4 as the shortest decimal that reads back to the same float4, i.e. the decimal that was
-- written (0.1, 345.6, 0.123), and float8 keeps that decimal to 15 digits. Rounding to a fixed
-- number of decimals instead would either keep the tail (6 places: 345.600006) or cut real digits.
-- One ALTER per table, so each table is rewritten once.
SET extra_float_digits = 1;--> statement-breakpoint
ALTER TABLE "compensation_agreements"
  ALTER COLUMN "k0" SET DATA TYPE double precision USING "k0"::text::double precision,
  ALTER COLUMN "coverage_threshold" SET DATA TYPE double precision USING "coverage_threshold"::text::double precision;--> statement-breakpoint
ALTER TABLE "compensation_assessments"
  ALTER COLUMN "coverage" SET DATA TYPE double precision USING "coverage"::text::double precision;--> statement-breakpoint
ALTER TABLE "inspection_plans"
  ALTER COLUMN "yellow_rate" SET DATA TYPE double precision USING "yellow_rate"::text::double precision;--> statement-breakpoint
ALTER TABLE "insurance_policies"
  ALTER COLUMN "subsidy_rate" SET DATA TYPE double precision USING "subsidy_rate"::text::double precision;--> statement-breakpoint
ALTER TABLE "readings"
  ALTER COLUMN "ph" SET DATA TYPE double precision USING "ph"::text::double precision,
  ALTER COLUMN "do" SET DATA TYPE double precision USING "do"::text::double precision,
  ALTER COLUMN "codmn" SET DATA TYPE double precision USING "codmn"::text::double precision,
  ALTER COLUMN "nh3n" SET DATA TYPE double precision USING "nh3n"::text::double precision,
  ALTER COLUMN "tp" SET DATA TYPE double precision USING "tp"::text::double precision,
  ALTER COLUMN "tn" SET DATA TYPE double precision USING "tn"::text::double precision,
  ALTER COLUMN "temperature" SET DATA TYPE double precision USING "temperature"::text::double precision,
  ALTER COLUMN "turbidity" SET DATA TYPE double precision USING "turbidity"::text::double precision,
  ALTER COLUMN "conductivity" SET DATA TYPE double precision USING "conductivity"::text::double precision;--> statement-breakpoint
ALTER TABLE "compensation_agreements" ALTER COLUMN "k0" SET DEFAULT 0.85;--> statement-breakpoint
ALTER TABLE "compensation_agreements" ALTER COLUMN "coverage_threshold" SET DEFAULT 0.75;
