// A Slack endpoint that listens for some events at an address nothing answers: a test reads
// what was queued for it (the payload the clinic would get), never what arrived.
import type { Db } from '../../db/client.js';
import { insertEndpoint, listDeliveries } from '../../db/repos/notifications.js';

type EndpointInput = Parameters<typeof insertEndpoint>[1];

export function listeningEndpoint(db: Db, events: EndpointInput['events']) {
  const endpoint = insertEndpoint(
    db,
    { kind: 'slack', name: 'avisos', enabled: true, events, intents: null, config: { url: 'http://127.0.0.1:9/hook' } },
    Date.now(),
  );
  return {
    ...endpoint,
    /** What was queued for it, of one event. */
    told: (event: string) => listDeliveries(db, { endpointId: endpoint.id }).filter((d) => d.event === event),
  };
}
