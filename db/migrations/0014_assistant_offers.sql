CREATE TABLE `assistant_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` integer NOT NULL,
	`action` text NOT NULL,
	`status` text NOT NULL,
	`slot_code` integer,
	`appointment_id` integer,
	`reason` text,
	`patient_name` text,
	`summary` text NOT NULL,
	`after_message_id` integer NOT NULL,
	`done_for_message_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assistant_actions_chat` ON `assistant_actions` (`conversation_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `assistant_slot_offers` (
	`conversation_id` integer NOT NULL,
	`code` integer NOT NULL,
	`patient_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`practitioner_id` integer NOT NULL,
	`start_at` integer NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `code`)
);
--> statement-breakpoint
CREATE INDEX `assistant_slot_offers_expiry` ON `assistant_slot_offers` (`expires_at`);