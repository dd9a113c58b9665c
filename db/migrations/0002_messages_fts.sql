-- Full-text search for the inbox (drizzle has no DSL for virtual tables, so this one is written by hand).
-- unicode61 with remove_diacritics 2 folds case and accents: "turno" finds "Turnó", "martin" finds "Martín".
-- External-content tables: the text lives once, in messages / conversations; triggers keep the index in step.
CREATE VIRTUAL TABLE `messages_fts` USING fts5(
	`text`,
	content='messages',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages` BEGIN
	INSERT INTO `messages_fts` (rowid, `text`) VALUES (new.`id`, new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` BEGIN
	INSERT INTO `messages_fts` (`messages_fts`, rowid, `text`) VALUES ('delete', old.`id`, old.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF `text` ON `messages` BEGIN
	INSERT INTO `messages_fts` (`messages_fts`, rowid, `text`) VALUES ('delete', old.`id`, old.`text`);
	INSERT INTO `messages_fts` (rowid, `text`) VALUES (new.`id`, new.`text`);
END;
--> statement-breakpoint
INSERT INTO `messages_fts` (`messages_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `conversations_fts` USING fts5(
	`display_name`,
	`external_user_id`,
	content='conversations',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `conversations_fts_insert` AFTER INSERT ON `conversations` BEGIN
	INSERT INTO `conversations_fts` (rowid, `display_name`, `external_user_id`) VALUES (new.`id`, new.`display_name`, new.`external_user_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_fts_delete` AFTER DELETE ON `conversations` BEGIN
	INSERT INTO `conversations_fts` (`conversations_fts`, rowid, `display_name`, `external_user_id`) VALUES ('delete', old.`id`, old.`display_name`, old.`external_user_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_fts_update` AFTER UPDATE OF `display_name`, `external_user_id` ON `conversations` BEGIN
	INSERT INTO `conversations_fts` (`conversations_fts`, rowid, `display_name`, `external_user_id`) VALUES ('delete', old.`id`, old.`display_name`, old.`external_user_id`);
	INSERT INTO `conversations_fts` (rowid, `display_name`, `external_user_id`) VALUES (new.`id`, new.`display_name`, new.`external_user_id`);
END;
--> statement-breakpoint
INSERT INTO `conversations_fts` (`conversations_fts`) VALUES ('rebuild');
