CREATE TABLE `whatsapp_auth` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`sealed` blob NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `id`)
);
