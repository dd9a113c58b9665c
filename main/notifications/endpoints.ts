// Ajustes › Integraciones' endpoints: their rows, with each one's secret kept in the
// keychain (write-only: the API only ever says whether one is set).
import type { Db } from '../../db/client.js';
import {
  deleteEndpoint,
  getEndpoint,
  insertEndpoint,
  listEndpoints,
  updateEndpoint,
  type NotificationEndpointRow,
} from '../../db/repos/notifications.js';
import type { NotificationKind } from '../../db/schema.js';
import type { Clock } from '../kernel/clock.js';
import { CONFIG_SCHEMAS } from './config.js';
import type { EndpointSecrets } from './secrets.js';

export interface EndpointView extends Omit<NotificationEndpointRow, 'createdAt' | 'updatedAt'> {
  hasSecret: boolean;
}

export interface EndpointInput {
  kind: NotificationKind;
  name: string;
  enabled?: boolean | undefined;
  events?: string[] | undefined;
  intents?: string[] | null | undefined;
  config: Record<string, unknown>;
  /** The SMTP password or the webhook's signing secret; null clears it. */
  secret?: string | null | undefined;
}

/** A config that does not fit its kind, or a webhook without its signing secret. */
export class EndpointInputError extends Error {}

function checkedConfig(kind: NotificationKind, config: unknown): Record<string, unknown> {
  const parsed = CONFIG_SCHEMAS[kind].safeParse(config);
  if (!parsed.success) {
    throw new EndpointInputError(
      `config: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export class EndpointAdmin {
  constructor(
    private readonly db: Db,
    private readonly secrets: EndpointSecrets,
    private readonly clock: Clock,
  ) {}

  view(row: NotificationEndpointRow): EndpointView {
    const { createdAt: _c, updatedAt: _u, ...rest } = row;
    return { ...rest, hasSecret: row.kind !== 'slack' && this.secrets.get(row.id) !== null };
  }

  list(): EndpointView[] {
    return listEndpoints(this.db).map((row) => this.view(row));
  }

  get(id: number): NotificationEndpointRow | undefined {
    return getEndpoint(this.db, id);
  }

  create(input: EndpointInput): EndpointView {
    const config = checkedConfig(input.kind, input.config);
    if (input.kind === 'webhook' && !input.secret) throw new EndpointInputError('A webhook needs a signing secret.');
    const row = insertEndpoint(
      this.db,
      {
        kind: input.kind,
        name: input.name,
        enabled: input.enabled ?? true,
        events: input.events ?? [],
        intents: input.intents ?? null,
        config,
      },
      this.clock(),
    );
    if (input.secret) this.secrets.set(row.id, input.secret);
    return this.view(row);
  }

  update(id: number, patch: Partial<Omit<EndpointInput, 'kind'>>): EndpointView | undefined {
    const row = getEndpoint(this.db, id);
    if (!row) return undefined;
    const { secret, config, ...fields } = patch;
    if (secret === null && row.kind === 'webhook') throw new EndpointInputError('A webhook needs a signing secret.');
    const updated = updateEndpoint(
      this.db,
      id,
      { ...fields, ...(config !== undefined ? { config: checkedConfig(row.kind, config) } : {}) },
      this.clock(),
    );
    if (secret) this.secrets.set(id, secret);
    else if (secret === null) this.secrets.clear(id);
    return updated && this.view(updated);
  }

  delete(id: number): boolean {
    const deleted = deleteEndpoint(this.db, id);
    if (deleted) this.secrets.clear(id);
    return deleted;
  }
}
