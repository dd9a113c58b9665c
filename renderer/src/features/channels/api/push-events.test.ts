// The push events the renderer consumes are the server's own declaration (main/http/app-events.ts,
// through the types.d.ts bridge): `channel.status` carries WhatsApp's linking details, so the
// Canales page can draw a QR from the event itself (the wire copy once lost that field).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { useChannels, type ChannelStatusEvent } from './channels';
import { connectPush, type PushStatus } from '../../../shared/api/events';
import type { PushEvent, WhatsAppDetails } from '../../../shared/api/types';

type ChannelStatus = Extract<PushEvent, { type: 'channel.status' }>['data'];

describe('channel.status, as the renderer reads it', () => {
  it('carries the WhatsApp details, in the type the API declares and the store consumes', () => {
    expectTypeOf<ChannelStatus>().toHaveProperty('whatsapp');
    expectTypeOf<NonNullable<ChannelStatus['whatsapp']>>().toMatchTypeOf<WhatsAppDetails>();
    expectTypeOf<ChannelStatusEvent>().toEqualTypeOf<ChannelStatus>();
  });

  it('reaches the Canales store from the push stream with its QR', async () => {
    const enc = new TextEncoder();
    let write!: (s: string) => void;
    const body = new ReadableStream<Uint8Array>({ start: (c) => (write = (s) => c.enqueue(enc.encode(s))) });
    const events: PushEvent[] = [];
    const statuses: PushStatus['state'][] = [];
    const conn = connectPush({
      url: '/api/events',
      headers: {},
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s.state),
      onUnauthorized: () => {},
      fetchImpl: (async () => new Response(body, { status: 200 })) as typeof fetch,
      backoff: () => 60_000,
    });
    for (let i = 0; i < 200 && !statuses.includes('open'); i++) await new Promise((r) => setTimeout(r, 5));
    write(
      'event: channel.status\ndata: {"provider":"whatsapp","state":"linking","whatsapp":{"phase":"qr","qr":"2@abc","revision":4}}\n\n',
    );
    for (let i = 0; i < 200 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    conn.close();

    const event = events[0];
    expect(event?.type).toBe('channel.status');
    if (event?.type !== 'channel.status') return;
    // Typed access: this line only compiles while the event's type declares `whatsapp`.
    expect(event.data.whatsapp?.qr).toBe('2@abc');
    useChannels.setState({
      channels: [
        {
          provider: 'whatsapp',
          state: 'disconnected',
          settings: {},
          webhookUrl: null,
          whatsapp: { phase: 'disconnected', revision: 1 },
        },
      ],
    });
    useChannels.getState().applyStatus(event.data);
    expect(useChannels.getState().channels?.find((c) => c.provider === 'whatsapp')?.whatsapp).toMatchObject({
      phase: 'qr',
      revision: 4,
    });
    useChannels.setState({ channels: null, loadError: null });
  });
});
