/**
 * The content-script paths in real Firefox (ESR, over WebDriver BiDi, with real mouse and keys):
 * select → toolbar → save → reload → painted; the card (edit, delete + undo); the lazy page UI
 * (only the always-on script on a page without claims, until a selection); hide highlights from the options page.
 * The extension pages themselves (popup search and export, side panel, options) are covered in
 * Chromium (README "Testing").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../e2e/harness';
import {
  clickInUi,
  clickMark,
  dialogOpen,
  highlights,
  launchFirefox,
  selectText,
  waitForContentScript,
  type FirefoxExtension,
  markedArticle,
  caretBefore,
  shiftArrowSelect,
} from './harness';

let firefox: FirefoxExtension;
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/**
 * Open a `markedArticle` (it records every value our `data-claimmark` marker takes: the always-on
 * script only ever sets `ready`, once awake; the page UI sets `loading` when it starts). The asleep
 * page, with the sidebar Firefox opens on install showing it, is tests/e2e-firefox/quiet.test.ts.
 */
async function open(path: string): Promise<Page> {
  server.set(path, markedArticle(path));
  const page = await firefox.browser.newPage();
  await page.goto(`${server.origin}${path}`);
  await waitForContentScript(page);
  return page;
}

const markerValues = (page: Page) =>
  page.evaluate(() => (window as unknown as { markerValues: string[] }).markerValues);

async function save(page: Page, text: string, type: string): Promise<string> {
  const before = (await highlights(page)).length;
  await selectText(page, text, 'article');
  await clickInUi(page, `input[type=radio][value=${type}]`);
  await clickInUi(page, 'button', 'Save claim');
  await page.waitForFunction(
    (n) =>
      new Set(
        [...document.querySelectorAll('mark[data-annotation-id]')].map((m) =>
          m.getAttribute('data-annotation-id'),
        ),
      ).size > n,
    { timeout: 5_000 },
    before,
  );
  const painted = await highlights(page);
  return painted.find((h) => h.text === text)!.id;
}

describe('content script (Firefox)', () => {
  it('runs only the always-on script on a page without claims; selecting loads the page UI', async () => {
    const page = await open('/ff-lazy/');
    await new Promise((done) => setTimeout(done, 300));
    expect(await markerValues(page)).toEqual([]); // asleep
    expect(await page.$('claimmark-ui')).toBeNull();
    await selectText(page, '$17 billion', 'article');
    await page.waitForFunction(
      () =>
        document
          .querySelector('claimmark-ui')
          ?.shadowRoot?.querySelector('[role=dialog][aria-label=Claimmark]'),
      { timeout: 5_000 },
    );
    expect(await markerValues(page)).toEqual(['ready', 'loading', 'ready']);
    await page.close();
  });

  it('saves a selection through the toolbar and paints it again after a reload', async () => {
    const page = await open('/ff-save/');
    const id = await save(page, '$17 billion', 'figure');
    expect(await dialogOpen(page, 'Claimmark')).toBe(false);
    await page.reload();
    await waitForContentScript(page);
    expect(await highlights(page)).toEqual([{ id, text: '$17 billion', type: 'figure' }]);
    // A page with claims starts the page UI at once.
    expect(await markerValues(page)).toEqual(['loading', 'ready']);
    await page.close();
  });

  it('edits a claim in its card, deletes it and brings it back with Undo', async () => {
    const page = await open('/ff-card/');
    const id = await save(page, 'five days a week', 'claim');
    await clickMark(page, id);
    await page.waitForFunction(
      () =>
        document
          .querySelector('claimmark-ui')
          ?.shadowRoot?.querySelector('[role=dialog][aria-label="Edit claim"]'),
      { timeout: 5_000 },
    );
    await clickInUi(page, 'input[type=radio][value=forecast]');
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`mark[data-annotation-id="${id}"]`)
          ?.getAttribute('data-claim-type') === 'forecast',
      { timeout: 5_000 },
      id,
    );
    await clickInUi(page, 'textarea[aria-label=Note]');
    await page.keyboard.type('From April');
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    await page.waitForFunction(
      () =>
        document.querySelector('claimmark-ui')?.shadowRoot?.querySelector('[role=status]')
          ?.textContent === 'Saved',
      { timeout: 5_000 },
    );

    await page.reload();
    await waitForContentScript(page);
    expect(await highlights(page)).toEqual([{ id, text: 'five days a week', type: 'forecast' }]);
    await clickMark(page, id);
    await clickInUi(page, 'button', 'Delete claim');
    await page.waitForFunction(() => !document.querySelector('mark[data-annotation-id]'), {
      timeout: 5_000,
    });
    await clickInUi(page, 'button', 'Undo');
    await page.waitForFunction(() => document.querySelector('mark[data-annotation-id]'), {
      timeout: 5_000,
    });
    await page.reload();
    await waitForContentScript(page);
    expect(await highlights(page)).toEqual([{ id, text: 'five days a week', type: 'forecast' }]);
    await clickMark(page, id);
    const note = await page.waitForFunction(
      () =>
        (
          document
            .querySelector('claimmark-ui')
            ?.shadowRoot?.querySelector('textarea[aria-label=Note]') as HTMLTextAreaElement | null
        )?.value,
      { timeout: 5_000 },
    );
    expect(await note.jsonValue()).toBe('From April');
    await page.close();
  });

  it('hides every highlight from the options page, open pages included, and shows them again', async () => {
    const page = await open('/ff-hide/');
    const id = await save(page, '$17 billion', 'figure');
    const options = await firefox.openExtensionPage('options.html');
    const toggle = async () => {
      const box = await options.waitForSelector('::-p-text(Hide highlights)', { timeout: 10_000 });
      await box!.click(); // a real click (BiDi input), on the label
    };
    await toggle();
    await page.waitForFunction(() => !document.querySelector('mark[data-annotation-id]'), {
      timeout: 5_000,
    });
    await page.reload();
    await waitForContentScript(page);
    expect(await highlights(page)).toEqual([]);
    await toggle();
    await page.waitForFunction(() => document.querySelector('mark[data-annotation-id]'), {
      timeout: 5_000,
    });
    expect(await highlights(page)).toEqual([{ id, text: '$17 billion', type: 'figure' }]);
    await options.close();
    await page.close();
  });

  it('captures with the keyboard alone: Shift+arrows select, the toolbar opens, Enter saves', async () => {
    const page = await open('/ff-keys/');
    await caretBefore(page, '$17');
    await shiftArrowSelect(page, '$17 billion'.length);
    await page.waitForFunction(
      () =>
        document
          .querySelector('claimmark-ui')
          ?.shadowRoot?.querySelector('[role=dialog][aria-label=Claimmark]'),
      { timeout: 5_000 },
    );
    expect(await page.evaluate(() => String(document.getSelection()))).toBe('$17 billion');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('mark[data-annotation-id]'), {
      timeout: 5_000,
    });
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => [h.text, h.type])).toEqual([
      ['$17 billion', 'figure'],
    ]);
    await page.close();
  });
});
