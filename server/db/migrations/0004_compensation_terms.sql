CREATE TABLE "county_water_use" (
	"county_code" varchar(12) NOT NULL,
	"year" integer NOT NULL,
	"total_use" double precision NOT NULL,
	"gdp" double precision NOT NULL,
	CONSTRAINT "county_water_use_county_code_year_pk" PRIMARY KEY("county_code","year")
);
--> statement-breakpoint
ALTER TABLE "compensation_agreements" ALTER COLUMN "end_year" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "compensation_agreements" ADD COLUMN "min_flow" double precision;--> statement-breakpoint
ALTER TABLE "compensation_agreements" ADD COLUMN "flow_effect" text DEFAULT 'proportional' NOT NULL;--> statement-breakpoint
ALTER TABLE "compensation_agreements" ADD COLUMN "water_use_cap" double precision;--> statement-breakpoint
ALTER TABLE "compensation_agreements" ADD COLUMN "water_use_efficiency" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "compensation_agreements" ADD COLUMN "water_use_effect" text DEFAULT 'forfeit' NOT NULL;--> statement-breakpoint
ALTER TABLE "readings" ADD COLUMN "flow" double precision;--> statement-breakpoint
ALTER TABLE "sections" ADD COLUMN "sampling_interval_hours" double precision DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "county_water_use" ADD CONSTRAINT "county_water_use_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Agreements that noted the water-quantity and water-use conditions get them as assessed terms.
UPDATE "compensation_agreements" SET "min_flow" = ("extra_conditions"->'waterQuantity'->>'minimum')::double precision
 WHERE jsonb_typeof("extra_conditions"->'waterQuantity'->'minimum') = 'number';--> statement-breakpoint
UPDATE "compensation_agreements" SET "water_use_cap" = ("extra_conditions"->'waterUse'->>'totalLimit')::double precision * 10000
 WHERE jsonb_typeof("extra_conditions"->'waterUse'->'totalLimit') = 'number' AND "extra_conditions"->'waterUse'->>'unit' = '亿m³';--> statement-breakpoint
UPDATE "compensation_agreements" SET "water_use_efficiency" = true
 WHERE "extra_conditions"->'waterUse' ? 'efficiency';--> statement-breakpoint
UPDATE "compensation_agreements" SET "extra_conditions" = "extra_conditions" - 'waterQuantity'
 WHERE "min_flow" IS NOT NULL;--> statement-breakpoint
UPDATE "compensation_agreements" SET "extra_conditions" = "extra_conditions" - 'waterUse'
 WHERE "water_use_cap" IS NOT NULL OR "water_use_efficiency";
