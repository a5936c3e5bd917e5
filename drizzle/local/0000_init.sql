CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`agent_id` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`mutation_id` integer,
	`changes` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_agent_at` ON `audit_log` (`agent_id`,`at`);--> statement-breakpoint
CREATE TABLE `_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `_pending` (
	`mutation_id` integer PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`created_at` text NOT NULL,
	`undo` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`type` text NOT NULL,
	`at` text NOT NULL,
	`agent_id` text,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_events_case_at` ON `case_events` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`tracking_code` text NOT NULL,
	`kind` text NOT NULL,
	`citizen_id` text,
	`category_id` text NOT NULL,
	`department_id` text NOT NULL,
	`channel` text NOT NULL,
	`subject` text NOT NULL,
	`description` text NOT NULL,
	`address` text,
	`latitude` real,
	`longitude` real,
	`status` text NOT NULL,
	`priority` text NOT NULL,
	`priority_rank` integer GENERATED ALWAYS AS (CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END) VIRTUAL,
	`assignee_id` text,
	`parent_id` text,
	`duplicate_of_id` text,
	`deadline` text,
	`deadline_paused_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`closed_at` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_id_unique` ON `cases` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_tracking_code_unique` ON `cases` (`tracking_code`);--> statement-breakpoint
CREATE INDEX `cases_department_status_deadline` ON `cases` (`department_id`,`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `cases_status_deadline` ON `cases` (`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `cases_deadline` ON `cases` (`deadline`);--> statement-breakpoint
CREATE INDEX `cases_created_at` ON `cases` (`created_at`);--> statement-breakpoint
CREATE INDEX `cases_updated_at` ON `cases` (`updated_at`);--> statement-breakpoint
CREATE INDEX `cases_citizen` ON `cases` (`citizen_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `cases_assignee_status` ON `cases` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_category_status` ON `cases` (`category_id`,`status`);--> statement-breakpoint
CREATE TABLE `citizens` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`name_key` text NOT NULL,
	`birth_date` text,
	`email` text,
	`phone` text,
	`address_line1` text,
	`address_line2` text,
	`postal_code` text,
	`city` text,
	`latitude` real,
	`longitude` real,
	`preferred_channel` text NOT NULL,
	`consent_email` integer NOT NULL,
	`consent_sms` integer NOT NULL,
	`consent_surveys` integer NOT NULL,
	`certification` text NOT NULL,
	`merged_into` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `citizens_id_unique` ON `citizens` (`id`);--> statement-breakpoint
CREATE INDEX `citizens_email` ON `citizens` (`email`);--> statement-breakpoint
CREATE INDEX `citizens_phone` ON `citizens` (`phone`);--> statement-breakpoint
CREATE INDEX `citizens_name_key` ON `citizens` (`name_key`,`birth_date`);--> statement-breakpoint
CREATE TABLE `agent_roles` (
	`agent_id` text NOT NULL,
	`department_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`agent_id`, `department_id`, `role`),
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agent_roles_department` ON `agent_roles` (`department_id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_email_unique` ON `agents` (`email`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` text PRIMARY KEY NOT NULL,
	`department_id` text NOT NULL,
	`service_code` text NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`deadline_days` integer NOT NULL,
	`deadline_kind` text NOT NULL,
	`default_priority` text NOT NULL,
	`duplicate_radius_m` integer NOT NULL,
	`retention_months` integer NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_service_code` ON `categories` (`service_code`);--> statement-breakpoint
CREATE INDEX `categories_department` ON `categories` (`department_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_code_unique` ON `departments` (`code`);