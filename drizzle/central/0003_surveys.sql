CREATE TABLE "survey_collectors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"label" text NOT NULL,
	"settings" jsonb NOT NULL,
	"status" text NOT NULL,
	"stats" jsonb NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"row_version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"collector_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"case_id" uuid,
	"token_hash" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"collector_id" uuid,
	"case_id" uuid,
	"citizen_id" uuid,
	"agent_id" uuid,
	"answers" jsonb NOT NULL,
	"note" text,
	"profile" jsonb,
	"submitted_at" text NOT NULL,
	"row_version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL,
	"status" text NOT NULL,
	"opens_on" text,
	"closes_on" text,
	"anonymity" text NOT NULL,
	"purpose" jsonb NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer NOT NULL,
	"row_version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_collectors" ADD CONSTRAINT "survey_collectors_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_collectors" ADD CONSTRAINT "survey_collectors_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_collector_id_survey_collectors_id_fk" FOREIGN KEY ("collector_id") REFERENCES "public"."survey_collectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_collectors_survey" ON "survey_collectors" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "survey_collectors_row_version" ON "survey_collectors" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "survey_collectors_department_row_version" ON "survey_collectors" USING btree ("department_id","row_version","id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_token" ON "survey_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_collector_citizen" ON "survey_invitations" USING btree ("collector_id","citizen_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_collector_status" ON "survey_invitations" USING btree ("collector_id","status");--> statement-breakpoint
CREATE INDEX "survey_responses_survey" ON "survey_responses" USING btree ("survey_id","submitted_at");--> statement-breakpoint
CREATE INDEX "survey_responses_row_version" ON "survey_responses" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "survey_responses_department_row_version" ON "survey_responses" USING btree ("department_id","row_version","id");--> statement-breakpoint
CREATE INDEX "surveys_row_version" ON "surveys" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "surveys_department_row_version" ON "surveys" USING btree ("department_id","row_version","id");