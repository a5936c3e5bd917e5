-- Full-text search over citizens and cases, accent-insensitive ("Hervé" is found by "herve").
-- Contentless tables with contentless_delete: the indexed text is computed by the triggers
-- (a whole postal address in one column), and rows are deleted by rowid.
CREATE VIRTUAL TABLE `citizens_fts` USING fts5(
	names, email, phone, address,
	content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `citizens_fts_insert` AFTER INSERT ON `citizens` BEGIN
	INSERT INTO `citizens_fts`(rowid, names, email, phone, address) VALUES (
		new.seq,
		new.first_name || ' ' || new.last_name,
		coalesce(new.email, ''),
		coalesce(new.phone, ''),
		trim(coalesce(new.address_line1, '') || ' ' || coalesce(new.address_line2, '') || ' ' || coalesce(new.postal_code, '') || ' ' || coalesce(new.city, ''))
	);
END;
--> statement-breakpoint
CREATE TRIGGER `citizens_fts_update` AFTER UPDATE OF first_name, last_name, email, phone, address_line1, address_line2, postal_code, city ON `citizens` BEGIN
	DELETE FROM `citizens_fts` WHERE rowid = old.seq;
	INSERT INTO `citizens_fts`(rowid, names, email, phone, address) VALUES (
		new.seq,
		new.first_name || ' ' || new.last_name,
		coalesce(new.email, ''),
		coalesce(new.phone, ''),
		trim(coalesce(new.address_line1, '') || ' ' || coalesce(new.address_line2, '') || ' ' || coalesce(new.postal_code, '') || ' ' || coalesce(new.city, ''))
	);
END;
--> statement-breakpoint
CREATE TRIGGER `citizens_fts_delete` AFTER DELETE ON `citizens` BEGIN
	DELETE FROM `citizens_fts` WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `cases_fts` USING fts5(
	tracking_code, subject, description, address,
	content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `cases_fts_insert` AFTER INSERT ON `cases` BEGIN
	INSERT INTO `cases_fts`(rowid, tracking_code, subject, description, address)
	VALUES (new.seq, new.tracking_code, new.subject, new.description, coalesce(new.address, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `cases_fts_update` AFTER UPDATE OF tracking_code, subject, description, address ON `cases` BEGIN
	DELETE FROM `cases_fts` WHERE rowid = old.seq;
	INSERT INTO `cases_fts`(rowid, tracking_code, subject, description, address)
	VALUES (new.seq, new.tracking_code, new.subject, new.description, coalesce(new.address, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `cases_fts_delete` AFTER DELETE ON `cases` BEGIN
	DELETE FROM `cases_fts` WHERE rowid = old.seq;
END;
