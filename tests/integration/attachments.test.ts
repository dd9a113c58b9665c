import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getConversation } from '../../db/repos/conversations.js';
import { listMessages } from '../../db/repos/messages.js';
import type { Message } from '../../main/http/api-types.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

interface Delivered {
  to: string;
  text: string;
  file?: { kind: string; mimeType: string; fileName: string | null; dataBase64: string };
}

/** Staff attach a file in the thread: it is kept, shown, queued and sent through the chat's channel. */
describe('staff attachments', () => {
  let core: TestCore;
  let phone: Server;
  let delivered: Delivered[];
  let conversationId: number;

  beforeEach(async () => {
    delivered = [];
    phone = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        delivered.push(JSON.parse(body) as Delivered);
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => phone.listen(0, '127.0.0.1', resolve));
    core = await startTestCore();
    await core.api('PATCH', '/api/settings', {
      'simulator.deliveryUrl': `http://127.0.0.1:${(phone.address() as AddressInfo).port}/deliver`,
    });
    const sent = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491155550100',
      name: 'Ana',
      text: 'hola',
    });
    conversationId = sent.body.conversationId;
  });
  afterEach(async () => {
    await core.stop();
    await new Promise((resolve) => phone.close(resolve));
  });

  const upload = (bytes: Uint8Array, type: string, query: string) =>
    fetch(`${core.apiUrl}/api/conversations/${conversationId}/attachments?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${core.token}`, 'x-recepta-request': '1', 'content-type': type },
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    });

  it('a photo with a caption is stored with a thumbnail, shown in the thread, and sent with its bytes', async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const res = await upload(png, 'image/png', 'fileName=receta.png&caption=Te%20mando%20la%20receta');
    expect(res.status).toBe(201);
    const { messageId } = (await res.json()) as { messageId: number };

    await waitFor(() => delivered.some((d) => d.file));
    const out = delivered.find((d) => d.file)!;
    expect(out.text).toBe('Te mando la receta');
    expect(out.file).toMatchObject({ kind: 'image', mimeType: 'image/png', fileName: 'receta.png' });
    expect(Buffer.from(out.file!.dataBase64, 'base64').equals(png)).toBe(true);

    const thread = await core.api<Message[]>('GET', `/api/conversations/${conversationId}/messages`);
    const shown = thread.body.find((m) => m.id === messageId)!;
    expect(shown).toMatchObject({ role: 'staff', text: 'Te mando la receta' });
    expect(shown.media).toMatchObject({
      kind: 'image',
      mimeType: 'image/png',
      fileName: 'receta.png',
      state: 'stored',
      hasThumbnail: true,
    });
    const file = await fetch(`${core.apiUrl}/api/media/${shown.media!.id}`, {
      headers: { authorization: `Bearer ${core.token}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);

    // A staff reply, like a typed one: the assistant steps back and the list shows it.
    const conversation = getConversation(core.db, conversationId)!;
    expect(conversation.humanOverrideReason).toBe('staff_reply');
    expect(conversation.lastMessagePreview).toBe('Te mando la receta');
  });

  it('a document without a caption previews as "Documento" and keeps a safe file name', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const res = await upload(pdf, 'application/pdf', `fileName=${encodeURIComponent('../../Presupuesto "final".pdf')}`);
    expect(res.status).toBe(201);
    await waitFor(() => delivered.some((d) => d.file));
    expect(delivered.find((d) => d.file)!.file).toMatchObject({ kind: 'document', fileName: 'Presupuesto final.pdf' });
    expect(getConversation(core.db, conversationId)!.lastMessagePreview).toBe('Documento');
  });

  it('refuses what it must, with stable codes, and stores nothing', async () => {
    const before = listMessages(core.db, conversationId).length;
    const html = await upload(Buffer.from('<script>alert(1)</script>'), 'text/html', 'fileName=x.html');
    expect(html.status).toBe(415);
    expect(((await html.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const big = await upload(new Uint8Array(17 * 1024 * 1024), 'application/pdf', 'fileName=grande.pdf');
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('MEDIA_TOO_LARGE');

    const empty = await upload(new Uint8Array(0), 'application/pdf', 'fileName=vacio.pdf');
    expect(empty.status).toBe(400);

    const noName = await upload(Buffer.from('%PDF-1.4'), 'application/pdf', '');
    expect(noName.status).toBe(400);
    expect(((await noName.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');

    const unknown = await fetch(`${core.apiUrl}/api/conversations/999999/attachments?fileName=a.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${core.token}`, 'x-recepta-request': '1', 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4'),
    });
    expect(unknown.status).toBe(404);

    expect(listMessages(core.db, conversationId)).toHaveLength(before);
    // Elsewhere a non-JSON body is still refused: the file parser belongs to this one route.
    const elsewhere = await fetch(`${core.apiUrl}/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${core.token}`, 'x-recepta-request': '1', 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4'),
    });
    expect(elsewhere.status).toBe(415);
  });

  it('a file that vanished from the media folder fails the send with a reason instead of retrying forever', async () => {
    await core.outbox.stop();
    const res = await upload(Buffer.from('%PDF-1.4 x'), 'application/pdf', 'fileName=a.pdf');
    const { messageId } = (await res.json()) as { messageId: number };
    const thread = await core.api<Message[]>('GET', `/api/conversations/${conversationId}/messages`);
    const media = thread.body.find((m) => m.id === messageId)!.media!;
    const stored = path.join(core.dataDir, 'media');
    for (const name of readdirSync(stored)) if (name.startsWith(media.id)) rmSync(path.join(stored, name));
    expect(existsSync(path.join(stored, `${media.id}.pdf`))).toBe(false);
    core.outbox.start();
    await waitFor(() => listMessages(core.db, conversationId).find((m) => m.id === messageId)?.status === 'failed');
    const failed = await core.api<Message[]>('GET', `/api/conversations/${conversationId}/messages`);
    expect(failed.body.find((m) => m.id === messageId)!.failureReason).toMatch(/no longer in the media folder/);
  });
});
