CREATE TABLE `assistant_usage` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` integer NOT NULL,
	`message_id` integer,
	`kind` text NOT NULL,
	`mode` text,
	`model` text,
	`prompt_tokens` integer DEFAULT 0 NOT NULL,
	`completion_tokens` integer DEFAULT 0 NOT NULL,
	`cached_tokens` integer DEFAULT 0 NOT NULL,
	`audio_ms` integer DEFAULT 0 NOT NULL,
	`latency_ms` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assistant_usage_conversation` ON `assistant_usage` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `assistant_usage_time` ON `assistant_usage` (`created_at`);--> statement-breakpoint
ALTER TABLE `media` ADD `description` text;--> statement-breakpoint
ALTER TABLE `media` ADD `transcript` text;--> statement-breakpoint
ALTER TABLE `media` ADD `analysis_state` text;--> statement-breakpoint
ALTER TABLE `media` ADD `analysis_error` text;--> statement-breakpoint
CREATE INDEX `media_analysis_pending` ON `media` (`created_at`) WHERE "media"."analysis_state" = 'pending';