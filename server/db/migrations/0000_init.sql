CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"action" text NOT NULL,
	"target" text,
	"details" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "code_assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"as_of" date NOT NULL,
	"colour" text NOT NULL,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"rules_version" text NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compensation_agreements" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"upstream_code" varchar(12) NOT NULL,
	"downstream_code" varchar(12) NOT NULL,
	"section_id" integer NOT NULL,
	"indicators" jsonb NOT NULL,
	"weights" jsonb NOT NULL,
	"k0" real DEFAULT 0.85 NOT NULL,
	"baseline" jsonb,
	"amount" double precision NOT NULL,
	"target_class" text DEFAULT 'III' NOT NULL,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"coverage_threshold" real DEFAULT 0.75 NOT NULL,
	"extra_conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"settlement_forms" jsonb DEFAULT '["money"]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compensation_assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"year" integer NOT NULL,
	"baseline" jsonb NOT NULL,
	"means" jsonb NOT NULL,
	"p" double precision,
	"direction" text,
	"amount" double precision NOT NULL,
	"status" text NOT NULL,
	"coverage" real NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer,
	"channel" text NOT NULL,
	"received" date NOT NULL,
	"summary" text NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"h3" varchar(16) NOT NULL,
	"complainant_name" text,
	"complainant_phone" text
);
--> statement-breakpoint
CREATE TABLE "damage_compensations" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"amount" double precision NOT NULL,
	"method" text NOT NULL,
	"agreed" date NOT NULL,
	"paid" boolean DEFAULT false NOT NULL,
	"paid_date" date
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" serial PRIMARY KEY NOT NULL,
	"uscc" varchar(18) NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"source_crs" text DEFAULT 'wgs84' NOT NULL,
	"h3" varchar(16) NOT NULL,
	"county_code" varchar(12) NOT NULL,
	"town_code" varchar(12),
	"park_id" integer,
	"grid_id" integer,
	"industry_code" varchar(5) NOT NULL,
	"key_pollutant" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'operating' NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"colour" text DEFAULT 'green' NOT NULL,
	"score" integer DEFAULT 100 NOT NULL,
	"insured" boolean DEFAULT false NOT NULL,
	"code_evaluated_at" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_uscc_unique" UNIQUE("uscc")
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"inspection_id" integer,
	"source" text NOT NULL,
	"description" text NOT NULL,
	"found" date NOT NULL,
	"deadline" date NOT NULL,
	"rectified" date
);
--> statement-breakpoint
CREATE TABLE "grids" (
	"id" serial PRIMARY KEY NOT NULL,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	"region_code" varchar(12),
	"parent_id" integer,
	"min_lon" double precision,
	"min_lat" double precision,
	"max_lon" double precision,
	"max_lat" double precision,
	"geometry" jsonb,
	"manager_name" text,
	"manager_phone" text
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"crs" text DEFAULT 'wgs84' NOT NULL,
	"rows" integer NOT NULL,
	"accepted" integer NOT NULL,
	"rejected" integer NOT NULL,
	"errors" jsonb NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"partial" boolean DEFAULT false NOT NULL,
	"user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "industries" (
	"code" varchar(5) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" varchar(5)
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"seed" integer NOT NULL,
	"yellow_rate" real NOT NULL,
	"red" jsonb NOT NULL,
	"sampled_yellow" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"date" date NOT NULL,
	"type" text NOT NULL,
	"result" text NOT NULL,
	"inspector" text
);
--> statement-breakpoint
CREATE TABLE "insurance_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"policy_no" text NOT NULL,
	"insurer" text NOT NULL,
	"steward_org" text,
	"start" date NOT NULL,
	"end" date NOT NULL,
	"premium" double precision NOT NULL,
	"subsidy_rate" real DEFAULT 0 NOT NULL,
	"subsidy_payer" text,
	"risk_level" text NOT NULL,
	CONSTRAINT "insurance_policies_policy_no_unique" UNIQUE("policy_no")
);
--> statement-breakpoint
CREATE TABLE "online_exceedances" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"day" date NOT NULL,
	"pollutant" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parks" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"county_code" varchar(12) NOT NULL,
	"center_lon" double precision NOT NULL,
	"center_lat" double precision NOT NULL,
	"min_lon" double precision,
	"min_lat" double precision,
	"max_lon" double precision,
	"max_lat" double precision,
	"geometry" jsonb NOT NULL,
	"industry_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "parks_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "readings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"section_id" integer NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"ph" real,
	"do" real,
	"codmn" real,
	"nh3n" real,
	"tp" real,
	"tn" real,
	"temperature" real,
	"turbidity" real,
	"conductivity" real,
	"valid" boolean DEFAULT true NOT NULL,
	"class" text
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" varchar(12) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" varchar(12),
	"center_lon" double precision,
	"center_lat" double precision,
	"min_lon" double precision,
	"min_lat" double precision,
	"max_lon" double precision,
	"max_lat" double precision,
	"geometry" jsonb
);
--> statement-breakpoint
CREATE TABLE "rivers" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"basin" text NOT NULL,
	"geometry" jsonb NOT NULL,
	CONSTRAINT "rivers_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"river_id" integer,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"county_code" varchar(12),
	"upstream_county" varchar(12),
	"downstream_county" varchar(12),
	"water_body" text DEFAULT 'river' NOT NULL,
	"target_class" text DEFAULT 'III' NOT NULL,
	"handover" boolean DEFAULT false NOT NULL,
	CONSTRAINT "sections_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "violation_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"enterprise_id" integer NOT NULL,
	"filed" date NOT NULL,
	"medium" text NOT NULL,
	"severity" text NOT NULL,
	"penalty" double precision DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"summary" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"h3" varchar(16) NOT NULL,
	CONSTRAINT "violation_cases_case_no_unique" UNIQUE("case_no")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_assessments" ADD CONSTRAINT "code_assessments_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compensation_agreements" ADD CONSTRAINT "compensation_agreements_upstream_code_regions_code_fk" FOREIGN KEY ("upstream_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compensation_agreements" ADD CONSTRAINT "compensation_agreements_downstream_code_regions_code_fk" FOREIGN KEY ("downstream_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compensation_agreements" ADD CONSTRAINT "compensation_agreements_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compensation_assessments" ADD CONSTRAINT "compensation_assessments_agreement_id_compensation_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."compensation_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "damage_compensations" ADD CONSTRAINT "damage_compensations_case_id_violation_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."violation_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_town_code_regions_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_park_id_parks_id_fk" FOREIGN KEY ("park_id") REFERENCES "public"."parks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_industry_code_industries_code_fk" FOREIGN KEY ("industry_code") REFERENCES "public"."industries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_parent_id_grids_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "industries" ADD CONSTRAINT "industries_parent_code_industries_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."industries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_policies" ADD CONSTRAINT "insurance_policies_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "online_exceedances" ADD CONSTRAINT "online_exceedances_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parks" ADD CONSTRAINT "parks_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_code_regions_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_river_id_rivers_id_fk" FOREIGN KEY ("river_id") REFERENCES "public"."rivers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_upstream_county_regions_code_fk" FOREIGN KEY ("upstream_county") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_downstream_county_regions_code_fk" FOREIGN KEY ("downstream_county") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violation_cases" ADD CONSTRAINT "violation_cases_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "code_assessments_enterprise_idx" ON "code_assessments" USING btree ("enterprise_id","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "comp_assess_agreement_year_idx" ON "compensation_assessments" USING btree ("agreement_id","year");--> statement-breakpoint
CREATE INDEX "complaints_enterprise_idx" ON "complaints" USING btree ("enterprise_id","received");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("received");--> statement-breakpoint
CREATE INDEX "damage_case_idx" ON "damage_compensations" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "enterprises_county_idx" ON "enterprises" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "enterprises_town_idx" ON "enterprises" USING btree ("town_code");--> statement-breakpoint
CREATE INDEX "enterprises_park_idx" ON "enterprises" USING btree ("park_id");--> statement-breakpoint
CREATE INDEX "enterprises_industry_idx" ON "enterprises" USING btree ("industry_code");--> statement-breakpoint
CREATE INDEX "enterprises_colour_idx" ON "enterprises" USING btree ("colour");--> statement-breakpoint
CREATE INDEX "enterprises_h3_idx" ON "enterprises" USING btree ("h3");--> statement-breakpoint
CREATE INDEX "enterprises_lon_lat_idx" ON "enterprises" USING btree ("lon","lat");--> statement-breakpoint
CREATE INDEX "findings_enterprise_found_idx" ON "findings" USING btree ("enterprise_id","found");--> statement-breakpoint
CREATE INDEX "grids_level_idx" ON "grids" USING btree ("level");--> statement-breakpoint
CREATE INDEX "grids_region_idx" ON "grids" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "inspections_enterprise_date_idx" ON "inspections" USING btree ("enterprise_id","date");--> statement-breakpoint
CREATE INDEX "insurance_enterprise_idx" ON "insurance_policies" USING btree ("enterprise_id","end");--> statement-breakpoint
CREATE UNIQUE INDEX "exceedance_enterprise_day_idx" ON "online_exceedances" USING btree ("enterprise_id","day","pollutant");--> statement-breakpoint
CREATE INDEX "parks_county_idx" ON "parks" USING btree ("county_code");--> statement-breakpoint
CREATE UNIQUE INDEX "readings_section_time_idx" ON "readings" USING btree ("section_id","time");--> statement-breakpoint
CREATE INDEX "regions_level_idx" ON "regions" USING btree ("level");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "sections_river_idx" ON "sections" USING btree ("river_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cases_enterprise_idx" ON "violation_cases" USING btree ("enterprise_id","filed");--> statement-breakpoint
CREATE INDEX "cases_filed_idx" ON "violation_cases" USING btree ("filed");