CREATE TABLE `backups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`folder` text NOT NULL,
	`size_bytes` integer,
	`verified` integer,
	`error` text,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `backups_created` ON `backups` (`created_at`);