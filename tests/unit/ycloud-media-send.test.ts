// YCloud sends files by id, never by link (the clinic's PC has no public URL to link to): the file
// goes up to `/v2/whatsapp/media/{from}/upload` first, then `sendDirectly` names it, with the
// caption and (for a document) the file name, the API key and our idempotency key.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YCloudChannel } from '../../main/channels/ycloud/ycloud-channel.js';
import { ycloudSettingsDefaults, type YCloudSettings } from '../../main/channels/ycloud/settings.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { startFakeYCloud, type FakeYCloud } from '../fakes/fake-ycloud.js';

const NUMBER = '+5491130000000';
const PATIENT = '+5491155500121';
let fake: FakeYCloud;
let dir: string;

beforeAll(async () => {
  fake = await startFakeYCloud();
  dir = mkdtempSync(path.join(tmpdir(), 'recepta-ycloud-media-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function channel(): YCloudChannel {
  const settings: YCloudSettings = {
    ...ycloudSettingsDefaults,
    'ycloud.apiBaseUrl': fake.baseUrl,
    'ycloud.phoneNumber': NUMBER,
  };
  return new YCloudChannel({
    settings: { get: (key) => settings[key], revision: 0 },
    secrets: { apiKey: () => 'yc-test-key', webhookSecret: () => 'whsec_x', webhookToken: () => 'token' },
    log: silentLogger(),
    now: () => Date.now(),
    // The patient wrote a minute ago: inside WhatsApp's 24-hour window.
    lastInboundAt: () => Date.now() - 60_000,
  });
}

describe('YCloud files', () => {
  it('uploads a document, then sends it by id with its caption and file name', async () => {
    const file = path.join(dir, 'receta.pdf');
    writeFileSync(file, '%PDF-1.4 receta');
    const sent = await channel().send({
      idempotencyKey: 'outbox-77',
      externalUserId: PATIENT,
      text: 'Te mando la receta',
      media: { kind: 'document', filePath: file, mimeType: 'application/pdf', fileName: 'receta.pdf' },
    });
    expect(sent.providerMessageId).toMatch(/^yc-/);
    const upload = fake.requests.find((r) => r.path === `/v2/whatsapp/media/${encodeURIComponent(NUMBER)}/upload`);
    expect(upload?.headers['x-api-key']).toBe('yc-test-key');
    expect(String(upload?.body)).toContain('%PDF-1.4 receta');
    expect(fake.sends().at(-1)).toMatchObject({
      from: NUMBER,
      to: PATIENT,
      type: 'document',
      document: { id: 'media-1', caption: 'Te mando la receta', filename: 'receta.pdf' },
      externalId: 'outbox-77',
    });
  });

  it('an image keeps its caption; a voice note carries none (WhatsApp shows no caption on audio)', async () => {
    const image = path.join(dir, 'foto.jpg');
    writeFileSync(image, 'jpeg');
    await channel().send({
      idempotencyKey: 'outbox-78',
      externalUserId: PATIENT,
      text: 'Así queda',
      media: { kind: 'image', filePath: image, mimeType: 'image/jpeg' },
    });
    expect(fake.sends().at(-1)).toMatchObject({ type: 'image', image: { id: 'media-1', caption: 'Así queda' } });
    await channel().send({
      idempotencyKey: 'outbox-79',
      externalUserId: PATIENT,
      text: 'audio',
      media: { kind: 'audio', filePath: image, mimeType: 'audio/ogg' },
    });
    expect(fake.sends().at(-1)).toEqual(expect.objectContaining({ type: 'audio', audio: { id: 'media-1' } }));
  });
});
