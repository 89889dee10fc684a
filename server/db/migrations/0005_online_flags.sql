CREATE TABLE "online_flags" (
	"id" serial PRIMARY KEY NOT NULL,
	"outlet_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"pollutant" varchar(16) NOT NULL,
	"kind" text NOT NULL,
	"from" timestamp with time zone NOT NULL,
	"to" timestamp with time zone NOT NULL,
	"parameters" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"rules_version" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "flagged" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "online_flags" ADD CONSTRAINT "online_flags_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "online_flags" ADD CONSTRAINT "online_flags_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "online_flags_key_idx" ON "online_flags" USING btree ("outlet_id","pollutant","kind","from");--> statement-breakpoint
CREATE INDEX "online_flags_enterprise_idx" ON "online_flags" USING btree ("enterprise_id","to");--> statement-breakpoint
CREATE INDEX "online_flags_to_idx" ON "online_flags" USING btree ("to");