CREATE TABLE `_sync_inbox` (
	`mutation_id` integer PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`outcome` text NOT NULL,
	`error` text NOT NULL,
	`created_at` text NOT NULL,
	`refused_at` text NOT NULL,
	`resolution` text
);
