CREATE TABLE `media` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` integer NOT NULL,
	`kind` text NOT NULL,
	`mime_type` text,
	`file_name` text,
	`original_url` text,
	`size_bytes` integer,
	`path` text,
	`thumbnail_path` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `media_message` ON `media` (`message_id`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `human_override_reason` text;--> statement-breakpoint
CREATE INDEX `messages_provider_id` ON `messages` (`provider`,`provider_message_id`);