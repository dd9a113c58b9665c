-- Full-text search over the knowledge base, accent- and case-insensitive like the inbox's
-- ("dirección" = "direccion"). Plurals and other Spanish endings are handled when the query
-- is built (main/knowledge), so snippets still come from the article's own words.
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
	`title`,
	`body`,
	`tags`,
	content='knowledge_articles',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `knowledge_fts_insert` AFTER INSERT ON `knowledge_articles` BEGIN
	INSERT INTO `knowledge_fts` (rowid, `title`, `body`, `tags`) VALUES (new.`id`, new.`title`, new.`body`, new.`tags`);
END;
--> statement-breakpoint
CREATE TRIGGER `knowledge_fts_delete` AFTER DELETE ON `knowledge_articles` BEGIN
	INSERT INTO `knowledge_fts` (`knowledge_fts`, rowid, `title`, `body`, `tags`) VALUES ('delete', old.`id`, old.`title`, old.`body`, old.`tags`);
END;
--> statement-breakpoint
CREATE TRIGGER `knowledge_fts_update` AFTER UPDATE OF `title`, `body`, `tags` ON `knowledge_articles` BEGIN
	INSERT INTO `knowledge_fts` (`knowledge_fts`, rowid, `title`, `body`, `tags`) VALUES ('delete', old.`id`, old.`title`, old.`body`, old.`tags`);
	INSERT INTO `knowledge_fts` (rowid, `title`, `body`, `tags`) VALUES (new.`id`, new.`title`, new.`body`, new.`tags`);
END;
