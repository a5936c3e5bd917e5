CREATE TABLE "campaign_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"position" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_send_state" (
	"collector_id" uuid PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "survey_invitations_collector_citizen";--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "reminder_token_hash" text;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "reminder_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_send_state" ADD CONSTRAINT "campaign_send_state_collector_id_survey_collectors_id_fk" FOREIGN KEY ("collector_id") REFERENCES "public"."survey_collectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_reminder_token" ON "survey_invitations" USING btree ("reminder_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_collector_case" ON "survey_invitations" USING btree ("collector_id","case_id") WHERE "survey_invitations"."case_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_collector_citizen" ON "survey_invitations" USING btree ("collector_id","citizen_id") WHERE "survey_invitations"."case_id" is null;