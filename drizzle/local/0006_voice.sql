CREATE TABLE `answer_tags` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`department_id` text NOT NULL,
	`response_id` text NOT NULL,
	`question` text NOT NULL,
	`theme` text NOT NULL,
	`agent_id` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text
);
--> statement-breakpoint
CREATE INDEX `answer_tags_survey_question_theme` ON `answer_tags` (`survey_id`,`question`,`theme`);--> statement-breakpoint
CREATE INDEX `answer_tags_response` ON `answer_tags` (`response_id`);--> statement-breakpoint
CREATE TABLE `outcomes` (
	`id` text PRIMARY KEY NOT NULL,
	`department_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`survey_ids` text NOT NULL,
	`case_ids` text NOT NULL,
	`status` text NOT NULL,
	`published_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outcomes_department_updated` ON `outcomes` (`department_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `survey_indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`department_id` text NOT NULL,
	`label` text NOT NULL,
	`sources` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `survey_indicators_department` ON `survey_indicators` (`department_id`);