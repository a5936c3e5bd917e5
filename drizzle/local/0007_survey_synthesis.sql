-- The synthesis's storage (docs/surveys.md, "Synthesis"): answers as value rows beside their response, and
-- their counts (all dates, and per day) by channel and collector, kept by triggers. The three tables are
-- WITHOUT ROWID (added by hand: drizzle has no such option): their key is the data, read from one b-tree.
-- Responses already in a replica before this migration are not backfilled (surveys had not shipped).
CREATE TABLE `survey_answer_counts` (
	`survey_id` text NOT NULL,
	`question` text NOT NULL,
	`item` text NOT NULL,
	`value` text NOT NULL,
	`day` text NOT NULL,
	`channel` text NOT NULL,
	`collector_id` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `question`, `item`, `value`, `day`, `channel`, `collector_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `survey_answer_totals` (
	`survey_id` text NOT NULL,
	`question` text NOT NULL,
	`item` text NOT NULL,
	`value` text NOT NULL,
	`channel` text NOT NULL,
	`collector_id` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `question`, `item`, `value`, `channel`, `collector_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `survey_answer_values` (
	`survey_id` text NOT NULL,
	`question` text NOT NULL,
	`item` text NOT NULL,
	`value` text NOT NULL,
	`day` text NOT NULL,
	`channel` text NOT NULL,
	`collector_id` text NOT NULL,
	`response_id` text NOT NULL,
	`response_key` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `question`, `item`, `value`, `day`, `channel`, `collector_id`, `response_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `survey_answer_values_response` ON `survey_answer_values` (`response_id`);--> statement-breakpoint
CREATE INDEX `survey_answer_values_join` ON `survey_answer_values` (`survey_id`,`question`,`response_key`,`response_id`,`item`,`value`);
--> statement-breakpoint
CREATE TRIGGER `survey_answer_values_count` AFTER INSERT ON `survey_answer_values` BEGIN
	INSERT INTO `survey_answer_totals` (`survey_id`, `question`, `item`, `value`, `channel`, `collector_id`, `n`)
	VALUES (new.survey_id, new.question, new.item, new.value, new.channel, new.collector_id, 1)
	ON CONFLICT DO UPDATE SET `n` = `n` + 1;
	INSERT INTO `survey_answer_counts` (`survey_id`, `question`, `item`, `value`, `day`, `channel`, `collector_id`, `n`)
	VALUES (new.survey_id, new.question, new.item, new.value, new.day, new.channel, new.collector_id, 1)
	ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `survey_answer_values_uncount` AFTER DELETE ON `survey_answer_values` BEGIN
	UPDATE `survey_answer_totals` SET `n` = `n` - 1
	WHERE `survey_id` = old.survey_id AND `question` = old.question AND `item` = old.item AND `value` = old.value
		AND `channel` = old.channel AND `collector_id` = old.collector_id;
	DELETE FROM `survey_answer_totals`
	WHERE `survey_id` = old.survey_id AND `question` = old.question AND `item` = old.item AND `value` = old.value
		AND `channel` = old.channel AND `collector_id` = old.collector_id AND `n` <= 0;
	UPDATE `survey_answer_counts` SET `n` = `n` - 1
	WHERE `survey_id` = old.survey_id AND `question` = old.question AND `item` = old.item AND `value` = old.value
		AND `day` = old.day AND `channel` = old.channel AND `collector_id` = old.collector_id;
	DELETE FROM `survey_answer_counts`
	WHERE `survey_id` = old.survey_id AND `question` = old.question AND `item` = old.item AND `value` = old.value
		AND `day` = old.day AND `channel` = old.channel AND `collector_id` = old.collector_id AND `n` <= 0;
END;
--> statement-breakpoint
-- A response leaving the replica (a scope drop, a delete, a rebase undoing a local entry) takes its values.
CREATE TRIGGER `survey_responses_values_delete` AFTER DELETE ON `survey_responses` BEGIN
	DELETE FROM `survey_answer_values` WHERE `response_id` = old.id;
END;
