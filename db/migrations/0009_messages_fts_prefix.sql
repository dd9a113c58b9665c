-- Prefix indexes for the inbox search as the receptionist types: a half-typed word ("tur",
-- "turn") matches every term that starts with it, and without an index of its own FTS5
-- merges the doclists of all those terms before the first row (on a 1M-message database:
-- "tur*" 103 ms, "turn*" 58 ms; with prefix='3 4': 9 ms and 6 ms, for 11% more file).
-- Shorter prefixes are not searched as prefixes (db/repos/search.ts, MIN_TEXT_PREFIX);
-- longer ones match few enough terms to be fast without one.
-- FTS5 cannot add a prefix index to an existing table: it is made again and rebuilt from
-- `messages` (external content, so the text itself is not copied). The triggers of 0002
-- name the table, not a handle to it, and keep working. The rebuild takes a few seconds
-- per 100,000 messages, once, at the first start of this version.
DROP TABLE `messages_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `messages_fts` USING fts5(
	`text`,
	content='messages',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2',
	prefix='3 4'
);
--> statement-breakpoint
INSERT INTO `messages_fts` (`messages_fts`) VALUES ('rebuild');
