CREATE TABLE `case_tags` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`theme` text NOT NULL,
	`agent_id` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text
);
--> statement-breakpoint
CREATE INDEX `case_tags_case` ON `case_tags` (`case_id`);