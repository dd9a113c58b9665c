-- The inbox search indexes (0002, 0009) are fed behind the writes instead of inside them.
-- An FTS5 insert in every ingest transaction cost about half of the transaction (a new
-- conversation's name and its first message: ~0.5 ms of a 1 ms commit), on the path every
-- patient message takes before its webhook is answered. Now rows are indexed in batches,
-- a moment later (db/repos/search-index.ts), and a search first indexes whatever is still
-- waiting, so it never misses a row.
--
-- `search_index_progress.upto`: the highest id of each table that is in its index. It moves
-- in the same transaction as the batch it covers, so the two never disagree. Rows above it
-- are not in the index yet: an edit or a deletion there has nothing to undo in the index
-- (and must not try: FTS5 external-content deletes need the exact indexed text), hence the
-- WHEN clauses below.
CREATE TABLE `search_index_progress` (
	`name` text PRIMARY KEY NOT NULL,
	`upto` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `search_index_progress` (`name`, `upto`) VALUES
	('messages', coalesce((SELECT max(`id`) FROM `messages`), 0)),
	('conversations', coalesce((SELECT max(`id`) FROM `conversations`), 0));
--> statement-breakpoint
DROP TRIGGER `messages_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `conversations_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `messages_fts_delete`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages`
WHEN old.`id` <= (SELECT `upto` FROM `search_index_progress` WHERE `name` = 'messages') BEGIN
	INSERT INTO `messages_fts` (`messages_fts`, rowid, `text`) VALUES ('delete', old.`id`, old.`text`);
END;
--> statement-breakpoint
DROP TRIGGER `messages_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF `text` ON `messages`
WHEN old.`id` <= (SELECT `upto` FROM `search_index_progress` WHERE `name` = 'messages') BEGIN
	INSERT INTO `messages_fts` (`messages_fts`, rowid, `text`) VALUES ('delete', old.`id`, old.`text`);
	INSERT INTO `messages_fts` (rowid, `text`) VALUES (new.`id`, new.`text`);
END;
--> statement-breakpoint
DROP TRIGGER `conversations_fts_delete`;
--> statement-breakpoint
CREATE TRIGGER `conversations_fts_delete` AFTER DELETE ON `conversations`
WHEN old.`id` <= (SELECT `upto` FROM `search_index_progress` WHERE `name` = 'conversations') BEGIN
	INSERT INTO `conversations_fts` (`conversations_fts`, rowid, `display_name`, `external_user_id`) VALUES ('delete', old.`id`, old.`display_name`, old.`external_user_id`);
END;
--> statement-breakpoint
DROP TRIGGER `conversations_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `conversations_fts_update` AFTER UPDATE OF `display_name`, `external_user_id` ON `conversations`
WHEN old.`id` <= (SELECT `upto` FROM `search_index_progress` WHERE `name` = 'conversations') BEGIN
	INSERT INTO `conversations_fts` (`conversations_fts`, rowid, `display_name`, `external_user_id`) VALUES ('delete', old.`id`, old.`display_name`, old.`external_user_id`);
	INSERT INTO `conversations_fts` (rowid, `display_name`, `external_user_id`) VALUES (new.`id`, new.`display_name`, new.`external_user_id`);
END;
