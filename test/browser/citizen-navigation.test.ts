// A citizen finds their way between their pages: the header menu on a wide screen, a drawer behind "Menu" on a narrow
// one (dkfds.js slides it in; without JavaScript the link opens it all the same), the page they are on marked; the
// start page is an overview with the plan's next steps (each with Start and a link to the service), new suggestions
// and what happened lately. axe checks the menu and the overview at both widths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';

const { app, browser } = await appInChromium({ RATE_LIMIT_FORMS_PER_MINUTE: '1000' });

const menuItems = [
  'Overblik',
  'Min jobrejse',
  'Tidslinje',
  'Hvem hjælper mig',
  'Markedsplads',
  'Find job',
  'Beskeder',
  'Møder',
  'Samtykker',
  'Min Log',
  'Kontakt',
];
const currentItem = (page: Page, where: string) =>
  page
    .locator(`${where} a[aria-current="page"]`)
    .textContent()
    .then((text) => text?.trim());

test('on a wide screen the header menu leads to every page of the citizen and marks where they are', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    // Ahmed Hassan (København) has been screened and has a plan in the demo world.
    await signInAtTestIdp(page, `${app.baseUrl}/borger`, /Ahmed Hassan/);
    const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
    assert.deepEqual(
      (await menu.getByRole('link').allTextContents()).map((t) => t.trim()),
      menuItems,
    );
    assert.equal(await currentItem(page, '.navigation-menu'), 'Overblik');
    assert.equal(await page.locator('.button-menu-open').isVisible(), false, 'no Menu button on a wide screen');

    // The overview: next steps with Start and the service's page, suggestions, what happened.
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Dine næste skridt' }).count(), 1);
    const steps = page.locator('#next-heading + ul > li');
    assert.ok((await steps.count()) >= 1, 'the plan’s next steps are shown');
    const firstStep = steps.first();
    const start = firstStep.locator('form[action$="/start"]');
    assert.match((await start.getAttribute('action')) ?? '', /^\/borger\/markedsplads\/[0-9a-f-]{36}\/start$/, 'Start is the marketplace’s launch');
    assert.equal(await firstStep.getByRole('link', { name: /Om tjenesten/ }).count(), 1);
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Nye forslag til dig' }).count(), 1);
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Det er sket for nylig' }).count(), 1);
    await expectAccessible(page, 'the citizen overview with the header menu (wide)');

    await menu.getByRole('link', { name: 'Min Log' }).click();
    await page.waitForURL(`${app.baseUrl}/borger/min-log`);
    assert.equal(await currentItem(page, '.navigation-menu'), 'Min Log');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Min jobrejse' }).click();
    await page.waitForURL(`${app.baseUrl}/borger/jobrejse`);
    assert.equal(await currentItem(page, '.navigation-menu'), 'Min jobrejse');
    // A plan item has Start too, on Min jobrejse.
    assert.ok((await page.locator('.journey-plan form[action$="/start"]').count()) >= 1);
    await expectAccessible(page, 'Min jobrejse with the header menu (wide)');

    await page.goto(`${app.baseUrl}/borger/markedsplads`);
    assert.equal(await currentItem(page, '.navigation-menu'), 'Markedsplads');
  } finally {
    await context.close();
  }
});

test('on a narrow screen the Menu button opens a drawer with the menu and the person, with and without JavaScript', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled });
    const page = await context.newPage();
    try {
      await signInAtTestIdp(page, `${app.baseUrl}/borger/samtykker`, /Ahmed Hassan/);
      const opener = page.locator('.button-menu-open');
      const drawer = page.locator('#header-menu-drawer');
      assert.equal(await opener.isVisible(), true, 'the Menu button shows on a narrow screen');
      assert.equal(await page.locator('nav.navigation-menu').isVisible(), false, 'the wide menu gives way');
      assert.equal(await drawer.isVisible(), false);
      // axe runs as a script in the page, so only where the page may run scripts; the markup is the same.
      if (javaScriptEnabled) await expectAccessible(page, 'Mine samtykker on a narrow screen');

      await opener.click();
      await drawer.waitFor({ state: 'visible' });
      const links = drawer.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link');
      assert.deepEqual(
        (await links.allTextContents()).map((t) => t.trim()),
        menuItems,
      );
      assert.equal(await currentItem(page, '#header-menu-drawer'), 'Samtykker');
      assert.match((await drawer.textContent()) ?? '', /Ahmed Hassan/, 'the person and sign-out are in the drawer, as the header hides them');
      assert.equal(await drawer.getByRole('button', { name: 'Log af' }).isVisible(), true);
      if (javaScriptEnabled) await expectAccessible(page, 'the open menu drawer on a narrow screen');

      await drawer.getByRole('link', { name: 'Luk menu' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await opener.click();
      await drawer.waitFor({ state: 'visible' });
      await links.filter({ hasText: 'Min Log' }).click();
      await page.waitForURL(`${app.baseUrl}/borger/min-log`);
      assert.equal(await drawer.isVisible(), false, 'the next page starts with the drawer closed');
    } finally {
      await context.close();
    }
  }
});
