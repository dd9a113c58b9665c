CREATE TABLE `call_list` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`appointment_id` integer,
	`conversation_id` integer,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`outcome` text,
	`done_by` text,
	`done_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_list_appointment_reason` ON `call_list` (`appointment_id`,`reason`);--> statement-breakpoint
CREATE INDEX `call_list_open` ON `call_list` (`created_at`) WHERE "call_list"."status" = 'open';--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appointment_id` integer NOT NULL,
	`kind` text NOT NULL,
	`appointment_start_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`conversation_id` integer,
	`message_id` integer,
	`fallback` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_claim` ON `reminders` (`appointment_id`,`kind`,`appointment_start_at`);--> statement-breakpoint
CREATE INDEX `reminders_conversation` ON `reminders` (`conversation_id`,`id`);--> statement-breakpoint
CREATE INDEX `reminders_message` ON `reminders` (`message_id`);--> statement-breakpoint
CREATE INDEX `reminders_unproven` ON `reminders` (`updated_at`) WHERE "reminders"."status" in ('queued', 'sent');--> statement-breakpoint
ALTER TABLE `appointments` ADD `arrived_at` integer;