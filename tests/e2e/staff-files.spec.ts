// Staff sending files from the composer, and staff answering from the clinic's phone.
import type { Page } from '@playwright/test';
import { AppDriver, expect, test } from './fixtures.js';
import { holdReplies } from './late-reply.js';
import { pngBytes } from './media-files.js';

const list = (page: Page) => page.getByRole('list', { name: 'Conversaciones' });

async function openChat(app: AppDriver, page: Page, name: string, text: string) {
  const { conversationId } = await app.recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name,
    text,
  });
  await app.open('/conversaciones');
  await list(page)
    .getByRole('link', { name: new RegExp(name) })
    .click();
  return { conversationId, log: page.getByRole('log', { name: `Mensajes con ${name}` }) };
}

test('Laura attaches a photo with the clip, adds a caption, and it goes out as one message', async ({
  app,
  page,
}, testInfo) => {
  const { log } = await openChat(app, page, 'Irene Adjunto', '¿me mandás la orden para el estudio?');
  // This demo clinic never linked WhatsApp: nothing is broken, so no warning banner.
  await expect(page.getByText(/WhatsApp todavía no está vinculado/)).toHaveCount(0);
  const composer = page.getByRole('textbox', { name: 'Respuesta para Irene Adjunto' });

  // The clip opens the file picker; choosing a file shows it above the box, with its size.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Adjuntar un archivo' }).click();
  await (await chooser).setFiles({ name: 'orden-estudio.png', mimeType: 'image/png', buffer: pngBytes(640, 480) });
  await expect(page.getByText('orden-estudio.png')).toBeVisible();
  await expect(composer).toHaveAttribute('placeholder', 'Agregá un texto para el archivo (opcional)…');
  await composer.fill('Acá tenés la orden, Irene.');
  await page.screenshot({ path: testInfo.outputPath('adjunto-listo.png') });
  await composer.press('Enter');

  const sent = log.locator('[data-role="staff"]').last();
  await expect(sent).toContainText('Acá tenés la orden, Irene.');
  // The thumbnail the core made, opening the picture full size like a patient's.
  const picture = sent.getByRole('button', { name: /^Ver en grande: Imagen de / });
  await expect(picture.locator('img')).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => picture.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  await expect(sent).toContainText(/Enviado|Entregado|Leído/);
  await expect(page.getByText('orden-estudio.png')).toHaveCount(0); // the chip is gone once sent
  await expect(composer).toHaveValue('');
  await expect(page.getByTestId('takeover')).toContainText('Pausado porque respondiste desde Recepta.');
  await page.screenshot({ path: testInfo.outputPath('adjunto-enviado.png') });
});

test('a file that is too large is refused before it is sent, and a document without caption shows as a file', async ({
  app,
  page,
}) => {
  const { log } = await openChat(app, page, 'Tomás Archivo', 'hola, ¿me pasan el presupuesto?');
  const input = page.locator('form.composer input[type="file"]');
  await input.setInputFiles({
    name: 'enorme.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(17 * 1024 * 1024),
  });
  await expect(page.getByRole('alert')).toContainText('Ese archivo es muy grande');
  await expect(page.getByText('enorme.pdf')).toHaveCount(0);

  await input.setInputFiles({
    name: 'presupuesto.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  // The remove button names the file, and takes it away.
  await page.getByRole('button', { name: 'Quitar presupuesto.pdf' }).click();
  await expect(page.getByText('presupuesto.pdf')).toHaveCount(0);
  await input.setInputFiles({
    name: 'presupuesto.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(log.locator('[data-role="staff"]').last()).toContainText('presupuesto.pdf');
  await expect(list(page).getByRole('link', { name: /Tomás Archivo/ })).toContainText('Documento');
});

test("staff answering from the clinic's phone pauses the assistant, and the chat says why", async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const from = AppDriver.uniqueNumber();
  await recepta.api('POST', '/api/simulator/messages', {
    from,
    name: 'Olga Teléfono',
    text: 'hola, ¿tienen turno hoy?',
  });
  // Opening the chat marks it read. That reply is held back until after the echo below, as
  // a busy PC can do: answered before the pause and arriving after it, it must not undo it.
  const markRead = await holdReplies(page, '**/api/conversations/*/read');
  await app.open('/conversaciones');
  await list(page)
    .getByRole('link', { name: /Olga Teléfono/ })
    .click();
  const log = page.getByRole('log', { name: 'Mensajes con Olga Teléfono' });
  await expect(page.getByTestId('takeover')).toContainText('El asistente está atendiendo este chat.');

  // Someone at the clinic answers from the WhatsApp on their phone: the echo arrives live.
  await recepta.api('POST', '/api/simulator/messages', {
    from,
    name: 'Olga Teléfono',
    text: 'Hola Olga, te llamo en un rato. Marta',
    fromStaff: true,
  });
  await expect(log.locator('[data-role="staff"]')).toContainText('Hola Olga, te llamo en un rato. Marta');
  await expect(page.getByTestId('takeover')).toContainText('Pausado porque respondiste desde el teléfono.');
  await markRead.release();
  await expect(page.getByTestId('takeover')).toContainText('Pausado porque respondiste desde el teléfono.');
  await expect(page.getByTestId('takeover')).toContainText(/Vuelve solo en (24 h|23 h 59 min)\./);
  await expect(list(page).getByRole('link', { name: /Olga Teléfono/ })).toContainText(/Atendido por humano · 2[34] h/);
  await page.screenshot({ path: testInfo.outputPath('pausado-desde-el-telefono.png') });
});

test('when the assistant hands a chat off, the list and the chat say it needs a person, and why', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  // The scripted model answers this turn by calling handoff_to_human, then says so to the patient.
  recepta.llm.enqueue(
    {
      toolCalls: [
        { name: 'handoff_to_human', arguments: { reason: 'Quiere hablar con la doctora por un presupuesto' } },
      ],
    },
    { reply: 'Le paso tu consulta al equipo: en un rato te escribe una persona.' },
  );
  const { log } = await openChat(app, page, 'Nora Derivada', 'quiero hablar con la doctora por el presupuesto');
  await expect(log.locator('[data-role="assistant"]')).toContainText('en un rato te escribe una persona', {
    timeout: 20_000,
  });
  const takeover = page.getByTestId('takeover');
  await expect(takeover).toContainText(
    'El asistente pasó la conversación a una persona: Quiere hablar con la doctora por un presupuesto',
  );
  const row = list(page).getByRole('link', { name: /Nora Derivada/ });
  await expect(row).toContainText('Necesita atención');
  // "Necesita humano" finds it.
  await page.getByRole('tab', { name: 'Necesita humano' }).click();
  await expect(row).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('derivado-a-una-persona.png') });
});
