CREATE TABLE `waitlist_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`practitioner_id` integer,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`day_part` text DEFAULT 'any' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_by` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`appointment_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`practitioner_id`) REFERENCES `practitioners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `waitlist_entries_waiting` ON `waitlist_entries` (`service_id`,`created_at`) WHERE "waitlist_entries"."status" = 'active';--> statement-breakpoint
CREATE INDEX `waitlist_entries_patient` ON `waitlist_entries` (`patient_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `waitlist_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`practitioner_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`freed_appointment_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`expires_at` integer NOT NULL,
	`conversation_id` integer,
	`message_id` integer,
	`appointment_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `waitlist_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`practitioner_id`) REFERENCES `practitioners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`freed_appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_offers_accepted_slot` ON `waitlist_offers` (`practitioner_id`,`start_at`) WHERE "waitlist_offers"."status" = 'accepted';--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_offers_entry_slot` ON `waitlist_offers` (`entry_id`,`practitioner_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `waitlist_offers_pending` ON `waitlist_offers` (`expires_at`) WHERE "waitlist_offers"."status" = 'pending';--> statement-breakpoint
CREATE INDEX `waitlist_offers_slot` ON `waitlist_offers` (`practitioner_id`,`start_at`);