CREATE TABLE `survey_collectors` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`department_id` text NOT NULL,
	`label` text NOT NULL,
	`settings` text NOT NULL,
	`status` text NOT NULL,
	`stats` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `survey_collectors_survey` ON `survey_collectors` (`survey_id`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`department_id` text NOT NULL,
	`channel` text NOT NULL,
	`collector_id` text,
	`case_id` text,
	`citizen_id` text,
	`agent_id` text,
	`answers` text NOT NULL,
	`note` text,
	`profile` text,
	`submitted_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `survey_responses_survey_submitted` ON `survey_responses` (`survey_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `survey_responses_case` ON `survey_responses` (`case_id`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`department_id` text NOT NULL,
	`status` text NOT NULL,
	`opens_on` text,
	`closes_on` text,
	`anonymity` text NOT NULL,
	`purpose` text NOT NULL,
	`definition` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `surveys_department_updated` ON `surveys` (`department_id`,`updated_at`);