// The database schema, one file per area under db/schema/. drizzle-kit generates the SQL
// migrations in db/migrations from this file and everything it re-exports
// (`npm run db:generate`); never edit a generated migration by hand. A new area's file
// gets one line below, or drizzle-kit does not see its tables.
//
// Conventions: instants are INTEGER milliseconds since the epoch (UTC); JSON
// columns hold small structured values that are never queried inside.
export * from './schema/settings.js';
export * from './schema/patients.js';
export * from './schema/inbox.js';
export * from './schema/outbox.js';
export * from './schema/usage.js';
export * from './schema/whatsapp.js';
export * from './schema/knowledge.js';
export * from './schema/agenda.js';
export * from './schema/backups.js';
export * from './schema/jobs.js';
export * from './schema/agent.js';
export * from './schema/notifications.js';
export * from './schema/automations.js';
export * from './schema/waitlist.js';
export * from './schema/sla.js';
