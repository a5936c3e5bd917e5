-- The search tables are written again only when a searched value changed. A pull page writes every server
-- column of the rows it brings (INSERT … ON CONFLICT DO UPDATE), and a rebase puts whole rows back from their
-- undo images: with the triggers of 0001, each such row was deleted from its search table and inserted again
-- although its text had not changed (a status change, an assignment). Rows written out of rowid order make
-- FTS5 flush its pending terms into a new segment and merge, so a reconnect's rebase spent most of its time
-- there, tens of milliseconds at a time (docs/performance.md, bench:main-loop).
DROP TRIGGER `citizens_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `citizens_fts_update` AFTER UPDATE OF first_name, last_name, email, phone, address_line1, address_line2, postal_code, city ON `citizens`
WHEN old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name OR old.email IS NOT new.email
	OR old.phone IS NOT new.phone OR old.address_line1 IS NOT new.address_line1 OR old.address_line2 IS NOT new.address_line2
	OR old.postal_code IS NOT new.postal_code OR old.city IS NOT new.city
BEGIN
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
DROP TRIGGER `cases_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `cases_fts_update` AFTER UPDATE OF tracking_code, subject, description, address ON `cases`
WHEN old.tracking_code IS NOT new.tracking_code OR old.subject IS NOT new.subject OR old.description IS NOT new.description
	OR old.address IS NOT new.address
BEGIN
	DELETE FROM `cases_fts` WHERE rowid = old.seq;
	INSERT INTO `cases_fts`(rowid, tracking_code, subject, description, address)
	VALUES (new.seq, new.tracking_code, new.subject, new.description, coalesce(new.address, ''));
END;
