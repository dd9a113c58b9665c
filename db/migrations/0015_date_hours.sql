CREATE TABLE `date_hours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`practitioner_id` integer,
	`owner_key` integer GENERATED ALWAYS AS (coalesce(practitioner_id, 0)) VIRTUAL NOT NULL,
	`date` text NOT NULL,
	`hours` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`practitioner_id`) REFERENCES `practitioners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `date_hours_owner_date` ON `date_hours` (`owner_key`,`date`);--> statement-breakpoint
ALTER TABLE `services` ADD `slot_minutes` integer;--> statement-breakpoint
ALTER TABLE `services` ADD `max_per_day` integer;