import { asc, eq, sql } from 'drizzle-orm';
import { servicePractitioners, services } from '../schema.js';
import { transaction, type Db } from '../client.js';
import { catalogueChanged } from './catalogue-revision.js';
import { preparedStatements } from './prepared.js';

export type ServiceRow = typeof services.$inferSelect & { practitionerIds: number[] };
export type ServiceFields = Omit<typeof services.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

function links(db: Db): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const rows = db.select().from(servicePractitioners).orderBy(asc(servicePractitioners.practitionerId)).all();
  for (const r of rows) {
    const list = out.get(r.serviceId) ?? [];
    list.push(r.practitionerId);
    out.set(r.serviceId, list);
  }
  return out;
}

export function listServices(db: Db): ServiceRow[] {
  const byService = links(db);
  return db
    .select()
    .from(services)
    .orderBy(asc(services.name), asc(services.id))
    .all()
    .map((s) => ({ ...s, practitionerIds: byService.get(s.id) ?? [] }));
}

/** Read on every availability search and booking (see prepared.ts). */
const byId = preparedStatements((_sqlite, db) => ({
  service: db
    .select()
    .from(services)
    .where(eq(services.id, sql.placeholder('id')))
    .prepare(),
  performers: db
    .select({ id: servicePractitioners.practitionerId })
    .from(servicePractitioners)
    .where(eq(servicePractitioners.serviceId, sql.placeholder('id')))
    .orderBy(asc(servicePractitioners.practitionerId))
    .prepare(),
}));

export function getService(db: Db, id: number): ServiceRow | undefined {
  const q = byId(db);
  const row = q.service.get({ id });
  if (!row) return undefined;
  return { ...row, practitionerIds: q.performers.all({ id }).map((r) => r.id) };
}

function setLinks(db: Db, serviceId: number, practitionerIds: readonly number[]): void {
  db.delete(servicePractitioners).where(eq(servicePractitioners.serviceId, serviceId)).run();
  for (const practitionerId of new Set(practitionerIds))
    db.insert(servicePractitioners).values({ serviceId, practitionerId }).run();
}

/** The practitioner ids must exist (the foreign key refuses others; the caller checks first for a clear message). */
export function insertService(
  db: Db,
  fields: ServiceFields,
  practitionerIds: readonly number[],
  now = Date.now(),
): ServiceRow {
  catalogueChanged(db);
  return transaction(db, () => {
    const row = db
      .insert(services)
      .values({ ...fields, createdAt: now, updatedAt: now })
      .returning()
      .get();
    setLinks(db, row.id, practitionerIds);
    return getService(db, row.id)!;
  });
}

export function updateService(
  db: Db,
  id: number,
  fields: Partial<ServiceFields>,
  practitionerIds: readonly number[] | undefined,
  now = Date.now(),
): ServiceRow | undefined {
  catalogueChanged(db);
  return transaction(db, () => {
    const row = db
      .update(services)
      .set({ ...fields, updatedAt: now })
      .where(eq(services.id, id))
      .returning()
      .get();
    if (!row) return undefined;
    if (practitionerIds) setLinks(db, id, practitionerIds);
    return getService(db, id);
  });
}
