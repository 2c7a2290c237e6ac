import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appInChromium, expectAccessible } from '../support/browser.ts';

const { app, browser } = await appInChromium();

test('/api/docs is an interactive API reference served by the app itself, within its CSP, and accessible', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  const elsewhere: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(app.baseUrl) && !request.url().startsWith('data:')) elsewhere.push(request.url());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  try {
    await page.goto(`${app.baseUrl}/api/docs`);
    // Swagger UI replaces the server-rendered list with its own operation blocks.
    await page.locator('.swagger-ui .opblock').first().waitFor();
    for (const summary of ['List municipalities', 'Get an access token (OAuth 2 client credentials)', 'The citizen’s CV from Jobnet (scope jobunivers:cv)']) {
      // The vendor and the municipality token endpoints share a summary: each must show.
      const shown = page.getByText(summary, { exact: true });
      assert.ok((await shown.count()) >= 1, summary);
      for (const one of await shown.all()) assert.ok(await one.isVisible(), summary);
    }
    assert.ok(await page.getByText('listMunicipalities', { exact: true }).isVisible(), 'operationIds are shown');
    assert.equal(await page.locator('.swagger-ui .opblock').count(), await page.locator('.opblock-summary-path').count());
    assert.ok((await page.locator('.swagger-ui .opblock').count()) >= 20);
    await expectAccessible(page, '/api/docs with Swagger UI');

    // An operation opened shows its parameters and responses, the shared Problem schema resolved.
    await page.locator('#operations-Municipalities-listMunicipalities .opblock-summary-control').click();
    await page.locator('#operations-Municipalities-listMunicipalities .parameters').waitFor();
    assert.match((await page.locator('#operations-Municipalities-listMunicipalities').textContent()) ?? '', /cursor.*limit.*region/s);
    assert.deepEqual(problems, [], 'no CSP violation, script error or failed request');
    assert.deepEqual(elsewhere, [], 'nothing is loaded from anywhere but the app');
  } finally {
    await context.close();
  }
});

test('without JavaScript, /api/docs still lists every operation', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`${app.baseUrl}/api/docs`);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'API-dokumentation');
    assert.ok(await page.getByText('GET /api/municipalities/{code}', { exact: true }).isVisible());
  } finally {
    await context.close();
  }
});
