CREATE TABLE `sla_breaches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` integer NOT NULL,
	`waiting_since` integer NOT NULL,
	`breached_at` integer NOT NULL,
	`cleared_at` integer,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_breaches_wait` ON `sla_breaches` (`conversation_id`,`waiting_since`);--> statement-breakpoint
CREATE INDEX `sla_breaches_open` ON `sla_breaches` (`conversation_id`) WHERE "sla_breaches"."cleared_at" IS NULL;--> statement-breakpoint
CREATE TABLE `sla_clusters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`open` integer,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`size` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_clusters_open` ON `sla_clusters` (`open`);