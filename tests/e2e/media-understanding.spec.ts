// What the assistant made of a patient's files, as Laura sees it in the thread: the
// image's description on hover and on keyboard focus (and in the viewer), and a voice
// note's transcript under its player — "Transcribiendo…" first, the words as soon as the
// scripted model answers, with no reload.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AppDriver, expect, test } from './fixtures.js';
import { pngBytes, serveFiles, wavBytes, type FileServer } from './media-files.js';

const DESCRIPTION = 'Un carnet de la obra social OSDE, plan 310, afiliado 61 234567 8 a nombre de Julia Ferraro.';
const TRANSCRIPT = 'Hola, soy Julia. Quería saber si atienden por OSDE y si hay turno el jueves a la tarde.';
const NAME = 'Julia Ferraro';

let files: FileServer;
test.beforeAll(async () => {
  files = await serveFiles({
    '/carnet.png': ['image/png', pngBytes(640, 400)],
    '/nota.wav': ['audio/wav', wavBytes(2)],
  });
});
test.afterAll(async () => files?.close());

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('.thread').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      targets: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).slice(0, 5),
    }));
}

test('an image shows what it is on hover and focus, and a voice note its transcript under the player', async ({
  app,
  page,
}, testInfo) => {
  const { llm } = app.recepta;
  llm.enqueueVision({ reply: DESCRIPTION });
  const from = AppDriver.uniqueNumber();
  await app.recepta.api('POST', '/api/simulator/messages', {
    from,
    name: NAME,
    text: 'les paso el carnet',
    media: { url: files.url('/carnet.png'), mimeType: 'image/png', fileName: 'carnet.png' },
  });

  await app.open('/conversaciones');
  await page
    .getByRole('list', { name: 'Conversaciones' })
    .getByRole('link', { name: new RegExp(NAME) })
    .click();
  const log = page.getByRole('log', { name: `Mensajes con ${NAME}` });
  const picture = log.getByRole('button', { name: /^Ver en grande: Imagen de / });
  // Tied to the button for screen readers, whether or not the tooltip is showing.
  await expect(picture).toHaveAccessibleDescription(`Lo que se ve: ${DESCRIPTION}`);
  const tip = log.getByRole('tooltip');
  await expect(tip).toBeHidden();

  await picture.hover();
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(`Lo que se ve: ${DESCRIPTION}`);
  await page.screenshot({ path: testInfo.outputPath('descripcion-al-pasar.png') });
  await page.mouse.move(5, 5);
  await expect(tip).toBeHidden();

  // The keyboard gets it too, and Esc puts it away.
  await picture.focus();
  await expect(tip).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();

  // The viewer shows it under the full image.
  await picture.press('Enter');
  const viewer = page.getByRole('dialog', { name: /Imagen de / });
  await expect(viewer).toContainText(DESCRIPTION);
  await expect(viewer).toHaveAccessibleDescription(`Lo que se ve: ${DESCRIPTION}`);
  await page.screenshot({ path: testInfo.outputPath('descripcion-en-visor.png') });
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // A voice note: "Transcribiendo…" while the model works, then the words, live.
  llm.enqueueTranscription({ text: TRANSCRIPT, duration: 2, delayMs: 2_500 });
  await app.recepta.api('POST', '/api/simulator/messages', {
    from,
    name: NAME,
    media: { url: files.url('/nota.wav'), mimeType: 'audio/wav', fileName: 'nota.wav' },
  });
  const voice = log
    .locator('[data-role="patient"]')
    .filter({ has: page.locator('audio') })
    .last();
  await expect(voice.getByRole('status')).toHaveText('Transcribiendo…');
  await page.screenshot({ path: testInfo.outputPath('transcribiendo.png') });
  await expect(voice).toContainText(`Transcripción: ${TRANSCRIPT}`, { timeout: 15_000 });
  await expect(voice.locator('audio')).toHaveAttribute('src', /^blob:/);
  // The assistant answered that voice note after its transcript, reading it as what the patient said.
  await expect
    .poll(() => llm.chatRequests().some((r) => JSON.stringify(r.body.messages).includes(`[Nota de voz] ${TRANSCRIPT}`)))
    .toBe(true);
  await page.screenshot({ path: testInfo.outputPath('transcripcion.png') });

  expect(await seriousViolations(page)).toEqual([]);
});

test('a voice note that could not be transcribed says so quietly, and why', async ({ app, page }, testInfo) => {
  const { llm } = app.recepta;
  llm.enqueueTranscription({ status: 404, message: 'not found' });
  const name = 'Bruno Sinaudio';
  await app.recepta.api('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name,
    media: { url: files.url('/nota.wav'), mimeType: 'audio/wav', fileName: 'nota.wav' },
  });
  await app.open('/conversaciones');
  await page
    .getByRole('list', { name: 'Conversaciones' })
    .getByRole('link', { name: new RegExp(name) })
    .click();
  const log = page.getByRole('log', { name: `Mensajes con ${name}` });
  await expect(log).toContainText('No se pudo transcribir: el modelo respondió con un error (404).');
  await page.screenshot({ path: testInfo.outputPath('sin-transcripcion.png') });
  expect(await seriousViolations(page)).toEqual([]);
});
