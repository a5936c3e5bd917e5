CREATE TABLE "case_tags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"theme" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"created_at" text NOT NULL,
	"removed_at" text,
	"row_version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_tags" ADD CONSTRAINT "case_tags_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tags" ADD CONSTRAINT "case_tags_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_tags_case" ON "case_tags" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_tags_row_version" ON "case_tags" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "case_tags_department_row_version" ON "case_tags" USING btree ("department_id","row_version","id");