CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"agent_id" uuid,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"changes" jsonb NOT NULL,
	"client_id" uuid,
	"mutation_id" bigint
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" text NOT NULL,
	"agent_id" uuid,
	"data" jsonb NOT NULL,
	"row_version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tracking_code" text NOT NULL,
	"kind" text NOT NULL,
	"citizen_id" uuid,
	"category_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"address" text,
	"latitude" double precision,
	"longitude" double precision,
	"status" text NOT NULL,
	"priority" text NOT NULL,
	"assignee_id" uuid,
	"parent_id" uuid,
	"duplicate_of_id" uuid,
	"deadline" text,
	"deadline_paused_at" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"closed_at" text,
	"version" integer NOT NULL,
	"row_version" bigint NOT NULL,
	CONSTRAINT "cases_tracking_code_unique" UNIQUE("tracking_code")
);
--> statement-breakpoint
CREATE TABLE "citizens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" text,
	"email" text,
	"phone" text,
	"address_line1" text,
	"address_line2" text,
	"postal_code" text,
	"city" text,
	"latitude" double precision,
	"longitude" double precision,
	"preferred_channel" text NOT NULL,
	"consent_email" boolean NOT NULL,
	"consent_sms" boolean NOT NULL,
	"consent_surveys" boolean NOT NULL,
	"certification" text NOT NULL,
	"merged_into" uuid,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer NOT NULL,
	"row_version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_roles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agent_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"role" text NOT NULL,
	"row_version" bigint NOT NULL,
	CONSTRAINT "agent_roles_grant" UNIQUE("agent_id","department_id","role")
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"disabled_at" timestamp with time zone,
	"row_version" bigint NOT NULL,
	CONSTRAINT "agents_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL,
	"service_code" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"deadline_days" integer NOT NULL,
	"deadline_kind" text NOT NULL,
	"default_priority" text NOT NULL,
	"duplicate_radius_m" integer NOT NULL,
	"retention_months" integer NOT NULL,
	"row_version" bigint NOT NULL,
	CONSTRAINT "categories_service_code_unique" UNIQUE("service_code")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"row_version" bigint NOT NULL,
	CONSTRAINT "departments_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "mutation_log" (
	"client_id" uuid NOT NULL,
	"mutation_id" bigint NOT NULL,
	"agent_id" uuid NOT NULL,
	"name" text NOT NULL,
	"args" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"error" jsonb,
	"row_version" bigint,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mutation_log_client_id_mutation_id_pk" PRIMARY KEY("client_id","mutation_id"),
	CONSTRAINT "mutation_log_outcome" CHECK ("mutation_log"."outcome" in ('applied', 'rejected', 'conflict'))
);
--> statement-breakpoint
CREATE TABLE "sync_clients" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"agent_id" uuid NOT NULL,
	"last_mutation_id" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_counter" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"horizon" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sync_counter_single_row" CHECK ("sync_counter"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "tombstones" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tombstones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"department_id" uuid,
	"row_version" bigint NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tombstones_departure" UNIQUE NULLS NOT DISTINCT("entity","entity_id","department_id")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_agents_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_roles" ADD CONSTRAINT "agent_roles_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_roles" ADD CONSTRAINT "agent_roles_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutation_log" ADD CONSTRAINT "mutation_log_client_id_sync_clients_client_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."sync_clients"("client_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_clients" ADD CONSTRAINT "sync_clients_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_agent_at" ON "audit_log" USING btree ("agent_id","at");--> statement-breakpoint
CREATE INDEX "sessions_agent" ON "sessions" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "case_events_case_at" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_events_row_version" ON "case_events" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "case_events_department_row_version" ON "case_events" USING btree ("department_id","row_version","id");--> statement-breakpoint
CREATE INDEX "cases_row_version" ON "cases" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "cases_department_row_version" ON "cases" USING btree ("department_id","row_version","id");--> statement-breakpoint
CREATE INDEX "cases_citizen" ON "cases" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "citizens_row_version" ON "citizens" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "agent_roles_row_version" ON "agent_roles" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "agent_roles_department_row_version" ON "agent_roles" USING btree ("department_id","row_version","id");--> statement-breakpoint
CREATE INDEX "agents_row_version" ON "agents" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "categories_row_version" ON "categories" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "categories_department_row_version" ON "categories" USING btree ("department_id","row_version","id");--> statement-breakpoint
CREATE INDEX "departments_row_version" ON "departments" USING btree ("row_version","id");--> statement-breakpoint
CREATE INDEX "mutation_log_agent_created" ON "mutation_log" USING btree ("agent_id","created_at");--> statement-breakpoint
CREATE INDEX "sync_clients_agent" ON "sync_clients" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "tombstones_row_version" ON "tombstones" USING btree ("row_version");--> statement-breakpoint
CREATE INDEX "tombstones_department_row_version" ON "tombstones" USING btree ("department_id","row_version");