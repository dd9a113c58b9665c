// A thread with every kind of attachment and delivery state, served by a stand-in API (the
// exact states are hard to reach on demand through the real pipeline): images inline with
// a keyboard-friendly viewer, a voice note player, a document download, "Descargando…",
// too-large and failed files, system notes, ticks, and a failed reply with "Reintentar".
import { AxeBuilder } from '@axe-core/playwright';
import type { Page, Route } from '@playwright/test';
import { AppDriver, expect, test } from './fixtures.js';
import { pngBytes, serveFiles, wavBytes } from './media-files.js';

const ID = 990_100;
const IMAGE = '6f1c1a52-5d0e-4d7e-9a53-1d2a3b4c5d01';
const AUDIO = '6f1c1a52-5d0e-4d7e-9a53-1d2a3b4c5d02';
const DOC = '6f1c1a52-5d0e-4d7e-9a53-1d2a3b4c5d03';
const PENDING = '6f1c1a52-5d0e-4d7e-9a53-1d2a3b4c5d04';
const BIG = '6f1c1a52-5d0e-4d7e-9a53-1d2a3b4c5d05';
const BROKEN = '6f1c1a52-5d0e-4d7e-9a53-1d2a3b4c5d06';

const base = Date.now() - 50 * 60_000;
const at = (minute: number) => new Date(base + minute * 60_000).toISOString();
const media = (id: string, kind: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind,
  mimeType: null,
  fileName: null,
  state: 'stored',
  hasThumbnail: false,
  error: null,
  ...extra,
});
const message = (id: number, role: string, text: string, minute: number, extra: Record<string, unknown> = {}) => ({
  id,
  conversationId: ID,
  role,
  text,
  media: null,
  createdAt: at(minute),
  status: role === 'patient' ? 'received' : 'read',
  answeredBy: role === 'assistant' ? 'llm' : null,
  failureReason: null,
  fallbackReason: null,
  ...extra,
});

function thread() {
  return [
    message(1, 'patient', 'hola, les mando la foto de la muela', 1, {
      media: media(IMAGE, 'image', {
        mimeType: 'image/png',
        fileName: 'muela.png',
        hasThumbnail: true,
        sizeBytes: 48_000,
      }),
    }),
    message(2, 'assistant', '¡Gracias! La van a ver en el consultorio. ¿Querés que te reserve un turno?', 2),
    message(3, 'patient', '', 3, {
      media: media(AUDIO, 'audio', { mimeType: 'audio/wav', fileName: 'nota.wav' }),
      transcript: 'sí, el jueves a la tarde si puede ser',
    }),
    message(4, 'patient', 'y acá los estudios', 4, {
      media: media(DOC, 'document', {
        mimeType: 'application/pdf',
        fileName: 'estudios-panoramica.pdf',
        sizeBytes: 1_234_567,
      }),
    }),
    message(5, 'patient', '', 5, { media: media(PENDING, 'image', { state: 'pending', mimeType: 'image/jpeg' }) }),
    message(6, 'patient', '', 6, {
      media: media(BIG, 'video', {
        state: 'too_large',
        mimeType: 'video/mp4',
        sizeBytes: 48_000_000,
        error: 'too large',
      }),
    }),
    message(7, 'patient', '', 7, {
      media: media(BROKEN, 'document', { state: 'failed', error: 'HTTP 403 del proveedor' }),
    }),
    message(8, 'system', 'Asistente pausado: una persona del equipo atiende este chat.', 8, { status: 'received' }),
    message(9, 'staff', 'Hola, soy Laura. Te llamo en 5 minutos.', 9, {
      status: 'failed',
      failureReason: 'El número no tiene WhatsApp (131026)',
    }),
    message(10, 'staff', 'Te paso la dirección: Av. Santa Fe 1234.', 10, { status: 'delivered' }),
  ];
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      targets: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).slice(0, 5),
    }));
}

async function standIn(page: Page) {
  const messages = thread();
  const retried: number[] = [];
  const conversation = {
    id: ID,
    channel: 'whatsapp',
    provider: 'baileys',
    displayName: 'Lucía Archivos',
    externalUserId: '5491155550199@s.whatsapp.net',
    phone: '+5491155550199',
    lastMessageAt: at(10),
    lastMessagePreview: 'Te paso la dirección: Av. Santa Fe 1234.',
    unread: 0,
    humanOverrideUntil: new Date(Date.now() + 23 * 3_600_000).toISOString(),
    humanOverrideIndefinite: false,
    humanOverrideReason: 'staff_reply',
    needsAttention: false,
  };
  const png = pngBytes();
  const files: Record<string, [string, Buffer]> = {
    [`/api/media/${IMAGE}`]: ['image/png', png],
    [`/api/media/${IMAGE}/thumbnail`]: ['image/png', pngBytes(160, 110)],
    [`/api/media/${AUDIO}`]: ['audio/wav', wavBytes(2)],
    [`/api/media/${DOC}`]: ['application/pdf', Buffer.from('%PDF-1.4\n% estudios\n')],
  };
  await page.route(
    (url) => url.pathname === '/api/conversations',
    (route) => route.fulfill({ json: [conversation] }),
  );
  await page.route(
    (url) =>
      url.pathname.startsWith(`/api/conversations/${ID}`) ||
      url.pathname.startsWith('/api/messages/') ||
      url.pathname.startsWith('/api/media/'),
    async (route: Route) => {
      const req = route.request();
      const path = new URL(req.url()).pathname;
      if (path.startsWith('/api/media/')) {
        const file = files[path];
        if (!req.headers()['authorization']?.startsWith('Bearer '))
          return route.fulfill({ status: 401, json: { error: { code: 'UNAUTHORIZED', message: 'no token' } } });
        return file
          ? route.fulfill({ status: 200, contentType: file[0], body: file[1] })
          : route.fulfill({ status: 404, json: { error: { code: 'NOT_FOUND', message: 'no' } } });
      }
      const retry = /^\/api\/messages\/(\d+)\/retry$/.exec(path);
      if (retry && req.method() === 'POST') {
        const m = messages.find((x) => x.id === Number(retry[1]));
        if (!m || m.status !== 'failed')
          return route.fulfill({ status: 409, json: { error: { code: 'CONFLICT', message: 'not failed' } } });
        retried.push(m.id);
        m.status = 'queued';
        m.failureReason = null;
        return route.fulfill({ status: 202, body: '' });
      }
      const one = /^\/api\/messages\/(\d+)$/.exec(path);
      if (one) return route.fulfill({ json: messages.find((x) => x.id === Number(one[1])) });
      if (path.endsWith('/messages')) return route.fulfill({ json: messages });
      return route.fulfill({ json: conversation });
    },
  );
  return { retried };
}

test('a thread with pictures, a voice note, files, notes and a failed reply', async ({ app, page }, testInfo) => {
  const { retried } = await standIn(page);
  await app.open(`/conversaciones/${ID}`);
  const log = page.getByRole('log', { name: 'Mensajes con Lucía Archivos' });
  // It opens at the newest message, and stays there while pictures and players load.
  await expect(log.locator('audio')).toHaveAttribute('src', /^blob:/);
  await expect(log.locator('[data-message-id="10"]')).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('chat-con-archivos.png') });

  // The picture, inline from its thumbnail (fetched with the token, shown through a blob: URL).
  const picture = log.getByRole('button', { name: 'Ver en grande: Imagen de Lucía Archivos' });
  await expect(picture.locator('img')).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => picture.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);

  // The voice note plays here, with its transcript.
  await expect(log.locator('audio')).toHaveAttribute('src', /^blob:/);
  await expect(log).toContainText('Transcripción: sí, el jueves a la tarde si puede ser');

  // The document: name, type and size, and a download that keeps the name.
  const doc = log.locator('.media-doc');
  await expect(doc).toContainText('estudios-panoramica.pdf');
  await expect(doc).toContainText('PDF · 1,2 MB');
  const download = page.waitForEvent('download');
  await doc.getByRole('button', { name: 'Descargar estudios-panoramica.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('estudios-panoramica.pdf');

  // Files on their way, too large, or lost say so plainly.
  await expect(log.locator('[data-media-state="pending"]')).toHaveText('Descargando…');
  await expect(log.locator('[data-media-state="too_large"]')).toContainText(
    'El archivo (48 MB) es demasiado grande para guardarlo.',
  );
  await expect(log.locator('[data-media-state="failed"]')).toContainText(
    'No se pudo descargar el archivo.HTTP 403 del proveedor',
  );

  // A system note is a quiet line, not a bubble.
  const note = log.locator('[data-role="system"]');
  await expect(note).toContainText('Asistente pausado');
  await expect(note.locator('.msg__bubble')).toHaveCount(0);

  // Ticks: read and delivered say so to screen readers and on hover.
  await expect(log.locator('[data-message-id="2"] .msg__status')).toHaveAttribute('title', 'Leído');
  await expect(log.locator('[data-message-id="10"] .msg__status')).toHaveAttribute('title', 'Entregado');

  // The failed reply: why, and "Reintentar".
  const failed = log.locator('[data-message-id="9"]');
  await expect(failed).toContainText('No se pudo enviar: El número no tiene WhatsApp (131026)');
  await expect(page.getByTestId('takeover')).toContainText('Pausado porque respondiste desde Recepta.');

  expect(await seriousViolations(page)).toEqual([]);

  await failed.getByRole('button', { name: 'Reintentar' }).click();
  await expect(failed.getByRole('button', { name: 'Reintentar' })).toHaveCount(0);
  await expect(failed.locator('.msg__status')).toHaveAttribute('title', 'Enviando…');
  expect(retried).toEqual([9]);

  // The viewer: opens from the keyboard, Esc closes it, focus comes back to the picture.
  await picture.focus();
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog', { name: 'Imagen de Lucía Archivos' });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Cerrar' })).toBeFocused();
  await expect(viewer.getByRole('img', { name: 'Imagen de Lucía Archivos' })).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  await page.screenshot({ path: testInfo.outputPath('visor-de-imagen.png') });
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await expect(picture).toBeFocused();

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('chat-con-archivos-oscuro.png') });
  expect(await seriousViolations(page)).toEqual([]);
});

test('files a patient sends through the real pipeline arrive live: a picture with its viewer, a document, a voice note, a lost file', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const server = await serveFiles({
    '/muela.png': ['image/png', pngBytes(640, 420)],
    '/estudios.pdf': ['application/pdf', Buffer.from('%PDF-1.4\n% estudios de la paciente\n'.repeat(200))],
    '/nota.wav': ['audio/wav', wavBytes(1)],
  });
  try {
    const from = AppDriver.uniqueNumber();
    const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from,
      name: 'Carla Adjuntos',
      text: 'hola, les mando la foto de la muela',
      media: { url: server.url('/muela.png'), mimeType: 'image/png', fileName: 'muela.png' },
    });
    await app.open(`/conversaciones/${conversationId}`);
    const log = page.getByRole('log', { name: 'Mensajes con Carla Adjuntos' });
    // The picture: its thumbnail inline (at most 320 px wide), the full file in the viewer.
    const picture = log.getByRole('button', { name: 'Ver en grande: Imagen de Carla Adjuntos' });
    await expect(picture.locator('img')).toHaveAttribute('src', /^blob:/);
    await expect.poll(() => picture.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);

    // More files arrive while she looks: they show up live, downloaded by the core.
    for (const media of [
      { url: server.url('/estudios.pdf'), mimeType: 'application/pdf', fileName: 'estudios.pdf' },
      { url: server.url('/nota.wav'), mimeType: 'audio/wav', fileName: 'nota.wav' },
      { url: server.url('/no-existe.jpg'), mimeType: 'image/jpeg', fileName: 'perdida.jpg' },
    ]) {
      await recepta.api('POST', '/api/simulator/messages', { from, media });
    }
    await expect(log.locator('.media-doc')).toContainText('estudios.pdf');
    await expect(log.locator('.media-doc')).toContainText(/PDF · \d+ KB/);
    await expect(log.locator('audio')).toHaveAttribute('src', /^blob:/);
    await expect(log.locator('[data-media-state="failed"]')).toContainText(
      /No se pudo descargar el archivo\.HTTP 404$/,
    );
    await expect(log.locator('[data-media-state="pending"]')).toHaveCount(0);
    await expect(log.locator('[data-role="assistant"]').last()).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: testInfo.outputPath('hilo-con-archivos.png') });

    await picture.click();
    const viewer = page.getByRole('dialog', { name: 'Imagen de Carla Adjuntos' });
    await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
    await page.keyboard.press('Escape');
    await expect(viewer).toBeHidden();
  } finally {
    await server.close();
  }
});
