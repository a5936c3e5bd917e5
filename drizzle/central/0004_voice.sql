CREATE TABLE "answer_tags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"question" text NOT NULL,
	"theme" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"created_at" text NOT NULL,
	"removed_at" text,
	"row_version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"survey_ids" jsonb NOT NULL,
	"case_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"published_at" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer NOT NULL,
	"row_version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_indicators" (
	"id" uuid PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL,
	"label" jsonb NOT NULL,
	"sources" jsonb NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"row_version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answer_tags" ADD CONSTRAINT "answer_tags_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_tags" ADD CONSTRAINT "answer_tags_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_tags" ADD CONSTRAINT "answer_tags_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_indicators" ADD CONSTRAINT "survey_indicators_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answer_tags_row_version" ON "answer_tags" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "answer_tags_department_row_version" ON "answer_tags" USING btree ("department_id","row_version","id");--> statement-breakpoint
CREATE INDEX "outcomes_published" ON "outcomes" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "outcomes_row_version" ON "outcomes" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "outcomes_department_row_version" ON "outcomes" USING btree ("department_id","row_version","id");--> statement-breakpoint
CREATE INDEX "survey_indicators_row_version" ON "survey_indicators" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "survey_indicators_department_row_version" ON "survey_indicators" USING btree ("department_id","row_version","id");