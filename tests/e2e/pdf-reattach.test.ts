/**
 * Mending a claim in a PDF, in real Chromium with the real mouse and keyboard: a corrected
 * edition of the PDF (at the same address) no longer has a claim's words; the side panel and the
 * popup list it under "Not found on this page" with "Re-attach", and the reader selects its new
 * words in the viewer. The claim keeps its id, type, tags, note and creation time, records
 * `reattached {at, quote}` and gets the new words' page. Adjust and Undo work on a PDF too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drag, saveClaim } from './harness';
import { useExtension } from './use-extension';
import { DEMO_PDF, makePdf, startPdfServer, type PdfServer } from './pdf-fixtures';
import {
  openViewer,
  pageLayer,
  paintedOn,
  pdfHighlights,
  viewerReady,
  viewerTabId,
} from './pdf-harness';

const GONE = 'dissatisfaction with';
/** The corrected edition: the words of the claim are reworded. */
const CORRECTED = {
  ...DEMO_PDF,
  replace: [['expressed dissatisfaction with TikTok', 'voiced deep unhappiness about TikTok']] as [
    string,
    string,
  ][],
};
const NEW_WORDS = /deep\s+unhappiness\s+about/;

// Caret browsing (F7): how a keyboard-only reader selects words (the popup test does so).
const env = useExtension({ args: ['--enable-caret-browsing'] });
let pdfs: PdfServer;

beforeAll(async () => {
  pdfs = await startPdfServer();
}, 120_000);
afterAll(async () => {
  await pdfs?.close();
});

/**
 * An original and a corrected edition, printed apart for each test (`ink` tints the text) so
 * that their fingerprints, which share claims across addresses, differ from the other tests'.
 */
async function editions(ink: string): Promise<{ original: Buffer; corrected: Buffer }> {
  const css = `${DEMO_PDF.css} body { color: ${ink} }`;
  const [original, corrected] = await Promise.all([
    makePdf({ ...DEMO_PDF, css }),
    makePdf({ ...CORRECTED, css }),
  ]);
  return { original, corrected };
}

/** The claim as stored, read from the extension's database in its service worker. */
async function stored(id: string): Promise<Record<string, unknown>> {
  const worker = env.browser.context.serviceWorkers()[0] ?? env.browser.worker;
  return worker.evaluate(
    (id) =>
      new Promise<Record<string, unknown>>((done, fail) => {
        const request = indexedDB.open('claimmark');
        request.onerror = () => fail(request.error);
        request.onsuccess = () => {
          const get = request.result.transaction('annotations').objectStore('annotations').get(id);
          get.onsuccess = () => {
            done(get.result as Record<string, unknown>);
            request.result.close();
          };
          get.onerror = () => fail(get.error);
        };
      }),
    id,
  );
}

/** The side panel or the popup, opened as a page for the viewer's tab. */
async function extensionPageFor(file: string, viewer: Page): Promise<Page> {
  const page = await env.browser.context.newPage();
  const tab = await viewerTabId(env.browser, viewer);
  await page.goto(`chrome-extension://${env.browser.extensionId}/${file}?tab=${tab}`);
  return page;
}

/** The page (0-based) whose text layer has `words`, and the words as the layer has them. */
async function findWords(page: Page, words: RegExp): Promise<{ index: number; text: string }> {
  const total = await page.locator('[data-page-index]').count();
  for (let index = 0; index < total; index++) {
    await page.locator(`[data-page-index="${index}"]`).scrollIntoViewIfNeeded();
    await page.locator(pageLayer(index)).waitFor();
    const text = await page
      .locator(pageLayer(index))
      .evaluate((layer, source) => layer.textContent?.match(new RegExp(source))?.[0], words.source);
    if (text) return { index, text };
  }
  throw new Error(`not in the PDF: ${words}`);
}

/** A claim saved on the original edition at `path`, with a tag and a note; then the edition changes. */
async function orphanAt(
  path: string,
  ink: string,
): Promise<{ viewer: Page; id: string; before: Record<string, unknown> }> {
  const { original, corrected } = await editions(ink);
  pdfs.set(path, original);
  const url = `${pdfs.origin}${path}`;
  const viewer = await openViewer(env.browser, url, '#page=4');
  await viewer.locator(pageLayer(3)).waitFor();
  await saveClaim(viewer, GONE, 'Claim', { within: pageLayer(3), tags: 'morale' });
  const id = (await pdfHighlights(viewer))[0]!.id;
  await viewer
    .locator(`${pageLayer(3)} mark`)
    .first()
    .click();
  const card = viewer.getByRole('dialog', { name: 'Edit claim' });
  await card.getByRole('textbox', { name: 'Note' }).fill('Leadership unhappy.');
  await viewer.keyboard.press('Control+Enter');
  await expect.poll(() => card.getByRole('status').textContent()).toBe('Saved');
  await card.getByRole('button', { name: 'Close' }).click();
  const before = await stored(id);

  pdfs.set(path, corrected);
  // Opened again at its last page, far from the claim's.
  const last = viewer.url().replace(/#.*$/, '#page=20');
  await viewer.goto('about:blank');
  await viewer.goto(last);
  await viewerReady(viewer);
  return { viewer, id, before };
}

async function expectReattached(
  viewer: Page,
  id: string,
  before: Record<string, unknown>,
  words: { index: number; text: string },
) {
  await expect
    .poll(async () => (await pdfHighlights(viewer)).map((h) => [h.id, h.text, h.page]))
    .toEqual([[id, words.text.replace(/\s+/g, ' '), String(words.index)]]);
  await expect.poll(async () => (await stored(id)).quote).toBe(words.text.replace(/\s+/g, ' '));
  const after = await stored(id);
  expect(after).toMatchObject({
    id,
    type: 'claim',
    tags: ['morale'],
    note: 'Leadership unhappy.',
    created: before.created,
    reattached: { quote: GONE },
    pdfPage: { index: words.index, label: String(words.index + 1) },
  });
  expect((after.reattached as { at: string }).at >= (before.updated as string)).toBe(true);
  expect(after.selectors).toEqual([
    expect.objectContaining({ type: 'TextQuoteSelector', exact: words.text }),
    expect.objectContaining({ type: 'TextPositionSelector' }),
  ]);
  // It stays attached when the PDF is opened again.
  await viewer.reload();
  await viewerReady(viewer);
  await viewer.locator(`[data-page-index="${words.index}"]`).scrollIntoViewIfNeeded();
  await paintedOn(viewer, words.index);
  expect((await pdfHighlights(viewer)).map((h) => h.id)).toEqual([id]);
}

describe('re-attach in a PDF (Chromium)', () => {
  it('re-attaches a claim a corrected edition lost, from the side panel, to the reader’s selection', async () => {
    const { viewer, id, before } = await orphanAt('/ir/corrected-release.pdf', '#000001');
    // Not found anywhere in the corrected edition, its page not even shown yet: listed at once.
    const panel = await extensionPageFor('sidepanel.html', viewer);
    const orphans = panel
      .getByRole('list', { name: 'Not found on this page' })
      .getByRole('listitem');
    await expect.poll(() => orphans.count(), { timeout: 15_000 }).toBe(1);
    expect(await orphans.first().textContent()).toContain(GONE);
    expect(await pdfHighlights(viewer)).toEqual([]);
    expect(await viewer.locator('[data-page-index="3"][data-rendered]').count()).toBe(0);

    await orphans
      .first()
      .getByRole('button', { name: /^Re-attach/ })
      .click();
    await viewer.bringToFront();
    const bar = viewer.getByRole('dialog', { name: 'Re-attach claim' });
    await expect.poll(() => bar.textContent()).toContain('Select the words of this claim');

    // A click on a page (a caret, no words) leaves the bar; Escape would cancel it.
    const words = await findWords(viewer, NEW_WORDS);
    await viewer.locator(pageLayer(words.index)).click({ position: { x: 5, y: 5 } });
    expect(await bar.isVisible()).toBe(true);
    await drag(viewer, words.text, words.text, pageLayer(words.index));
    await expect
      .poll(() => viewer.getByRole('status').filter({ hasText: 'Claim re-attached.' }).count())
      .toBe(1);
    await expect.poll(() => orphans.count()).toBe(0);
    await expectReattached(viewer, id, before, words);
    await panel.close();
    await viewer.close();
  });

  it('re-attaches from the popup with the keyboard alone; Escape cancels without a change', async () => {
    const { viewer, id, before } = await orphanAt('/ir/corrected-deck.pdf', '#000002');
    const words = await findWords(viewer, NEW_WORDS); // every page's text is known by now
    let popup = await extensionPageFor('popup.html', viewer);
    const orphans = () =>
      popup.getByRole('list', { name: 'Not found on this page' }).getByRole('listitem');
    await expect.poll(() => orphans().count(), { timeout: 15_000 }).toBe(1);

    await orphans()
      .first()
      .getByRole('button', { name: /^Re-attach claim:/ })
      .click();
    await viewer.bringToFront();
    const bar = viewer.getByRole('dialog', { name: 'Re-attach claim' });
    await bar.waitFor();
    await viewer.keyboard.press('Escape');
    await bar.waitFor({ state: 'detached' });
    expect((await stored(id)).quote).toBe(GONE);

    await popup.close().catch(() => undefined);
    popup = await extensionPageFor('popup.html', viewer);
    await expect.poll(() => orphans().count(), { timeout: 15_000 }).toBe(1);
    await orphans()
      .first()
      .getByRole('button', { name: /^Re-attach claim:/ })
      .click();
    await viewer.bringToFront();
    await bar.waitFor();
    // With the keyboard alone: the caret before the words (moved there with caret browsing),
    // Shift+arrows select them, Enter gives them to the claim.
    await viewer.locator(pageLayer(words.index)).evaluate((layer, words) => {
      const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf(words.split(/\s/)[0]!);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.collapse(true);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
    }, words.text);
    const selected = () =>
      viewer.evaluate(() => String(document.getSelection()).replace(/\s+/g, ' '));
    const wanted = words.text.replace(/\s+/g, ' ');
    await viewer.keyboard.down('Shift');
    // (A line break of the text layer may take a key more.)
    for (let i = 0; i < wanted.length + 5 && (await selected()) !== wanted; i++) {
      await viewer.keyboard.press('ArrowRight');
    }
    await viewer.keyboard.up('Shift');
    expect(await selected()).toBe(wanted);
    expect((await stored(id)).quote).toBe(GONE); // nothing taken before Enter
    await viewer.keyboard.press('Enter');
    await expectReattached(viewer, id, before, words);
    await popup.close().catch(() => undefined);
    await viewer.close();
  });

  it('adjusts a highlight from its card in a PDF, and Undo puts the old extent back', async () => {
    pdfs.set('/ir/adjust.pdf', (await editions('#000003')).original);
    const viewer = await openViewer(env.browser, `${pdfs.origin}/ir/adjust.pdf`, '#page=3');
    await viewer.locator(pageLayer(2)).waitFor();
    await saveClaim(viewer, '$17\nbillion', 'Figure', { within: pageLayer(2) });
    const id = (await pdfHighlights(viewer))[0]!.id;
    const before = await stored(id);

    await viewer
      .locator(`${pageLayer(2)} mark`)
      .first()
      .click();
    await viewer
      .getByRole('dialog', { name: 'Edit claim' })
      .getByRole('button', { name: 'Adjust' })
      .click();
    await viewer.getByRole('dialog', { name: 'Adjust highlight' }).waitFor();
    await drag(viewer, 'goal of', 'in sales', pageLayer(2));
    await expect
      .poll(async () => (await pdfHighlights(viewer)).find((h) => h.id === id)?.text)
      .toBe('goal of $17 billion in sales');
    expect(await stored(id)).toMatchObject({
      quote: 'goal of $17 billion in sales',
      type: 'figure',
      created: before.created,
      pdfPage: { index: 2 },
    });
    expect((await stored(id)).reattached).toBeUndefined();

    const undo = viewer.getByRole('status').filter({ hasText: 'Highlight adjusted.' });
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(async () => (await pdfHighlights(viewer)).find((h) => h.id === id)?.text)
      .toBe('$17 billion');
    expect(await stored(id)).toMatchObject({ quote: '$17 billion', selectors: before.selectors });
    await viewer.close();
  });
});
