CREATE TABLE "online_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outlet_id" integer NOT NULL,
	"pollutant" varchar(16) NOT NULL,
	"kind" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"old" jsonb NOT NULL,
	"new" jsonb NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outlet_pollutants" (
	"outlet_id" integer NOT NULL,
	"code" varchar(16) NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"limit" double precision,
	"range" double precision,
	"detection_limit" double precision,
	CONSTRAINT "outlet_pollutants_outlet_id_code_pk" PRIMARY KEY("outlet_id","code")
);
--> statement-breakpoint
CREATE TABLE "outlets" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"mn" varchar(24) NOT NULL,
	"pw" text NOT NULL,
	"medium" text NOT NULL,
	CONSTRAINT "outlets_mn_unique" UNIQUE("mn")
);
--> statement-breakpoint
DROP INDEX "exceedance_enterprise_day_idx";--> statement-breakpoint
ALTER TABLE "online_exceedances" ADD COLUMN "source" text DEFAULT 'import' NOT NULL;--> statement-breakpoint
ALTER TABLE "online_exceedances" ADD COLUMN "outlet_id" integer;--> statement-breakpoint
ALTER TABLE "online_exceedances" ADD COLUMN "mean" double precision;--> statement-breakpoint
ALTER TABLE "online_exceedances" ADD COLUMN "limit" double precision;--> statement-breakpoint
ALTER TABLE "online_revisions" ADD CONSTRAINT "online_revisions_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outlet_pollutants" ADD CONSTRAINT "outlet_pollutants_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outlets" ADD CONSTRAINT "outlets_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "online_revisions_outlet_time_idx" ON "online_revisions" USING btree ("outlet_id","time");--> statement-breakpoint
CREATE UNIQUE INDEX "outlets_enterprise_code_idx" ON "outlets" USING btree ("enterprise_id","code");--> statement-breakpoint
ALTER TABLE "online_exceedances" ADD CONSTRAINT "online_exceedances_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exceedance_enterprise_day_idx" ON "online_exceedances" USING btree ("enterprise_id","day","pollutant","source");