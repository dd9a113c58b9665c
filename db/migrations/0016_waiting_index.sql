ALTER TABLE `conversations` ADD `last_reply_id` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `last_skipped_id` integer;--> statement-breakpoint
CREATE INDEX `conversations_waiting` ON `conversations` (`last_skipped_id`) WHERE "conversations"."last_skipped_id" > coalesce("conversations"."last_reply_id", 0);--> statement-breakpoint
CREATE INDEX `messages_skipped_turn` ON `messages` (`conversation_id`) WHERE "messages"."turn_state" = 'skipped';--> statement-breakpoint
-- A chat needs a person when a message the assistant skipped came after its last reply
-- (db/repos/waiting.ts). These two ids, kept by the triggers below, let the partial index
-- conversations_waiting hold exactly those chats. Chats from earlier releases are filled in here.
UPDATE `conversations` SET
	`last_reply_id` = (SELECT r.`id` FROM `messages` r WHERE r.`conversation_id` = `conversations`.`id` AND r.`role` IN ('assistant', 'staff') ORDER BY r.`id` DESC LIMIT 1),
	`last_skipped_id` = (SELECT max(s.`id`) FROM `messages` s WHERE s.`conversation_id` = `conversations`.`id` AND s.`turn_state` = 'skipped');
--> statement-breakpoint
CREATE TRIGGER `messages_last_reply` AFTER INSERT ON `messages`
WHEN new.`role` IN ('assistant', 'staff') BEGIN
	UPDATE `conversations` SET `last_reply_id` = max(coalesce(`last_reply_id`, 0), new.`id`) WHERE `id` = new.`conversation_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `messages_last_skipped_insert` AFTER INSERT ON `messages`
WHEN new.`turn_state` = 'skipped' BEGIN
	UPDATE `conversations` SET `last_skipped_id` = max(coalesce(`last_skipped_id`, 0), new.`id`) WHERE `id` = new.`conversation_id`;
END;
--> statement-breakpoint
-- A pause skips what was owed; a hand-back makes it owed again or answered: one seek on messages_skipped_turn.
CREATE TRIGGER `messages_last_skipped_update` AFTER UPDATE OF `turn_state` ON `messages`
WHEN (old.`turn_state` IS 'skipped') <> (new.`turn_state` IS 'skipped') BEGIN
	UPDATE `conversations` SET `last_skipped_id` = (SELECT max(s.`id`) FROM `messages` s WHERE s.`conversation_id` = new.`conversation_id` AND s.`turn_state` = 'skipped') WHERE `id` = new.`conversation_id`;
END;
