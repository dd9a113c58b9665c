// What Slack, e-mail and webhook receivers read for an event, and that none of it can carry a
// phone number: the payload names a patient by a salted hash and a first name only.
import { describe, expect, it } from 'vitest';
import { emailMessage, eventTitle, slackMessage, webhookBody } from '../../main/notifications/builders.js';
import { notificationEvents, type NotificationEvent } from '../../main/notifications/events.js';
import { firstNameOnly, phoneHash } from '../../main/notifications/privacy.js';
import { endpointWants } from '../../main/notifications/service.js';
import type { NotificationEndpointRow } from '../../db/repos/notifications.js';

const salt = Buffer.alloc(32, 7);
const phone = '+5491162000015';

function event(type: NotificationEvent['type'] = 'handoff.opened', intent?: string): NotificationEvent {
  return {
    id: 'evt-1',
    type,
    at: Date.UTC(2026, 2, 3, 14, 0),
    data: {
      conversationId: 42,
      reason: 'emergency',
      intent,
      patient: { phoneHash: phoneHash(salt, phone), firstName: firstNameOnly('María José Pérez') },
    },
  };
}

const ctx = { appUrl: 'http://127.0.0.1:4310' };
const digits = phone.replace(/\D/g, '');

describe('notification builders', () => {
  it('Slack: a readable message with the link back to the chat, no phone', () => {
    const message = slackMessage(event(), ctx);
    expect(message.text).toContain('Una conversación necesita a una persona');
    const text = JSON.stringify(message);
    expect(text).toContain('http://127.0.0.1:4310/conversaciones/42');
    expect(text).toContain('María');
    expect(text).not.toContain('Pérez');
    expect(text).not.toContain(digits);
    expect(text).not.toContain(digits.slice(-8));
  });

  it('e-mail: subject and text, no phone', () => {
    const message = emailMessage(event('reservation.created'), ctx);
    expect(message.subject).toBe('[Recepta] Nuevo turno');
    expect(message.text).toContain('Abrir la conversación: http://127.0.0.1:4310/conversaciones/42');
    expect(message.text).not.toContain(digits.slice(-8));
  });

  it('webhook: the event as JSON, the patient as a hash', () => {
    const body = JSON.parse(webhookBody(event(), ctx));
    expect(body).toMatchObject({
      id: 'evt-1',
      type: 'handoff.opened',
      link: 'http://127.0.0.1:4310/conversaciones/42',
    });
    expect(body.data.patient.phoneHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(body)).not.toContain(digits.slice(-8));
  });

  it('no link without an app address or a chat', () => {
    expect(slackMessage(event(), { appUrl: null }).text).not.toContain('http');
    expect(webhookBody({ ...event(), data: {} }, ctx)).toContain('"link":null');
  });

  it('every event has a title', () => {
    for (const name of notificationEvents) expect(eventTitle(name)).toBeTruthy();
  });
});

describe('phone hash', () => {
  it('is stable per salt, differs across salts, and ignores formatting', () => {
    expect(phoneHash(salt, phone)).toBe(phoneHash(salt, '+54 9 11 6200-0015'));
    expect(phoneHash(Buffer.alloc(32, 8), phone)).not.toBe(phoneHash(salt, phone));
    expect(phoneHash(salt, phone)).not.toContain(digits.slice(-6));
  });
});

describe('endpoint filters', () => {
  const endpoint = (events: string[], intents: string[] | null = null) =>
    ({ events, intents }) as unknown as NotificationEndpointRow;

  it('by event (empty: all) and, when set, by intent; test.ping always passes', () => {
    expect(endpointWants(endpoint([]), event('reservation.created'))).toBe(true);
    expect(endpointWants(endpoint(['handoff.opened']), event('reservation.created'))).toBe(false);
    expect(endpointWants(endpoint(['handoff.opened']), event('handoff.opened'))).toBe(true);
    expect(endpointWants(endpoint([], ['emergency']), event('handoff.opened', 'emergency'))).toBe(true);
    expect(endpointWants(endpoint([], ['emergency']), event('handoff.opened', 'booking'))).toBe(false);
    expect(endpointWants(endpoint([], ['emergency']), event('handoff.opened'))).toBe(false);
    expect(endpointWants(endpoint(['reservation.created'], ['x']), event('test.ping'))).toBe(true);
  });
});
