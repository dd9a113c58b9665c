import { expect, test } from './fixtures.js';

test('the token leaves the address bar at once, and the API refuses calls without it', async ({
  app,
  page,
  request,
  recepta,
}) => {
  await app.open('/');
  expect(page.url()).not.toContain('token');
  expect(page.url()).not.toContain(recepta.token);
  expect(new URL(page.url()).search).toBe('');
  // Still signed in after a reload: the token lives in this tab's sessionStorage.
  await page.reload();
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Conversaciones' })).toBeVisible();

  const without = await request.get('/api/conversations');
  expect(without.status()).toBe(401);
  expect(((await without.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  const wrong = await request.get('/api/conversations', { headers: { authorization: 'Bearer not-the-token-0000' } });
  expect(wrong.status()).toBe(401);
  const withToken = await request.get('/api/conversations', { headers: { authorization: `Bearer ${recepta.token}` } });
  expect(withToken.status()).toBe(200);
});

test('without a token, a friendly screen says to open Recepta from its link', async ({ page }) => {
  await page.goto('/ajustes');
  await expect(page.getByRole('heading', { level: 1, name: 'Abrí Recepta desde su enlace' })).toBeVisible();
  await expect(page.getByText('http://127.0.0.1:4870/?token=')).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
});

test('a token the core does not accept ends in the "session is no longer valid" screen', async ({
  page,
  consoleAllowance,
}) => {
  // The refused token is the point: every call the page makes with it answers 401.
  consoleAllowance.failedRequest(401, /\/api\/[^\s?]+/, 'the token is wrong on purpose');
  await page.goto('/?token=this-token-is-wrong-123456');
  await expect(page.getByRole('heading', { level: 1, name: 'Esta sesión ya no es válida' })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('recepta.token'))).toBeNull();
});
