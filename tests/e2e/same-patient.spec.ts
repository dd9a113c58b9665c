// "Es el mismo paciente que…" (issue 16): an Instagram contact writes, and the receptionist
// says from the chat that it is a patient the clinic already has. The chat then belongs to
// that patient. The chat is the simulator's, turned into an Instagram one in the core's
// database: the Chatwoot path that brings such chats in is channels-chatwoot.spec.ts's.
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { closeDatabase, openDatabase } from '../../db/client.js';
import { conversations } from '../../db/schema.js';
import type { PatientDetail } from '../../main/http/agenda-types.js';
import { createPatient, seriousViolations, unique } from './agenda-fixtures.js';
import { AppDriver, expect, test } from './fixtures.js';

test('an Instagram contact is linked from its chat to the patient the clinic already has', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const surname = unique('Quiroga');
  const known = await createPatient(recepta, `Lucía ${surname}`, '+54 9 11 4444-0777');
  const handle = `lu.${surname.toLowerCase()}`;
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name: handle,
    text: 'hola! quería saber si tienen turno',
  });
  const db = openDatabase(path.join(recepta.dataDir, 'recepta.db'));
  try {
    db.update(conversations).set({ channel: 'instagram' }).where(eq(conversations.id, conversationId)).run();
  } finally {
    closeDatabase(db);
  }

  await app.open(`/conversaciones/${conversationId}`);
  await expect(page.getByRole('heading', { level: 2, name: handle })).toBeVisible();
  await page.getByRole('button', { name: 'Es el mismo paciente que…' }).click();
  const dialog = page.getByRole('dialog', { name: `¿Quién es ${handle}?` });
  await dialog.getByRole('combobox', { name: 'Paciente' }).fill(`Lucía ${surname}`);
  await dialog.getByRole('option', { name: new RegExp(`Lucía ${surname}`) }).click();
  await expect(dialog.getByText('No se puede deshacer.', { exact: false })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('same-patient-dialog.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Es el mismo paciente' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: `este chat ahora es de «Lucía ${surname}»` })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('same-patient-linked.png') });

  // The chat is on the known patient's record now.
  const detail = await recepta.api<PatientDetail>('GET', `/api/patients/${known.id}`);
  expect(detail.identities.map((i) => i.conversationId)).toContain(conversationId);
  await page.getByRole('link', { name: 'Ver ficha' }).click();
  await expect(page.getByRole('article', { name: `Lucía ${surname}` })).toBeVisible();
});
