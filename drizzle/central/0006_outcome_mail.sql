CREATE TABLE "voice_mail_opt_outs" (
	"address_key" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voice_mails" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"outcome_id" uuid,
	"case_id" uuid,
	"event_id" uuid,
	"citizen_id" uuid,
	"address_key" text NOT NULL,
	"token_hash" text,
	"status" text NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "voice_mails" ADD CONSTRAINT "voice_mails_outcome_id_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."outcomes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_mails" ADD CONSTRAINT "voice_mails_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "voice_mails_outcome_address" ON "voice_mails" USING btree ("outcome_id","address_key") WHERE "voice_mails"."kind" = 'outcome';--> statement-breakpoint
CREATE UNIQUE INDEX "voice_mails_reply_event" ON "voice_mails" USING btree ("event_id") WHERE "voice_mails"."kind" = 'reply';--> statement-breakpoint
CREATE UNIQUE INDEX "voice_mails_token" ON "voice_mails" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "voice_mails_pending" ON "voice_mails" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "voice_mails_outcome" ON "voice_mails" USING btree ("outcome_id");