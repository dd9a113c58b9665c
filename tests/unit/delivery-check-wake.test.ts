// A channel's refusal (a WhatsApp 463 arrives as a `failed` receipt) reaches the delivery check
// at once, with the message's id; other status changes do not.
import { describe, expect, it } from 'vitest';
import { wakeOnFailedMessages } from '../../main/automations/delivery/delivery-check.js';
import { fallbackFor } from '../../main/automations/delivery/settings.js';
import { AppEvents } from '../../main/http/app-events.js';

describe('delivery check wake-up', () => {
  it('wakes on a failed message only, until unsubscribed', () => {
    const events = new AppEvents();
    const woken: number[] = [];
    const off = wakeOnFailedMessages(events, (messageId) => woken.push(messageId));
    events.emit('message.updated', { conversationId: 1, messageId: 2, status: 'delivered' });
    events.emit('message.updated', { conversationId: 1, messageId: 2, status: 'failed' });
    expect(woken).toEqual([2]);
    off();
    events.emit('message.updated', { conversationId: 1, messageId: 3, status: 'failed' });
    expect(woken).toEqual([2]);
  });

  it("reads each channel's fallback; a channel without one gets the call list", () => {
    const values = {
      'delivery.fallbacks': {
        whatsapp: 'template',
        ycloud: 'call_list',
        evolution: 'call_list',
        chatwoot: 'call_list',
      },
    } as Record<string, unknown>;
    const settings = { get: (key: string) => values[key] } as Parameters<typeof fallbackFor>[0];
    expect(fallbackFor(settings, 'whatsapp')).toBe('template');
    expect(fallbackFor(settings, 'simulator')).toBe('call_list');
    expect(fallbackFor(settings, null)).toBe('call_list');
  });
});
