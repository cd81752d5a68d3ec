/**
 * Mending claims through the real UI in Chromium, with real mouse and keyboard input: an orphan
 * re-attached from the side panel's (and the popup's) "Not found on this page" list, and a
 * highlight's extent adjusted from its card, across elements, then undone. The claim keeps its
 * id, type, tags and note.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  drag as dragIn,
  extensionPage,
  highlights,
  saveClaim,
  waitForContentScript,
} from './harness';
import { useExtension } from './use-extension';

const HTML = readFileSync('tests/fixtures/pages/tiktok-shop-us-crackdown/source.html', 'utf8');
const GONE = 'There’s literally no time in a day to fulfill the goals they’re asking for.';
const REWORDED = 'We never get enough hours in a day for the targets they set.';
const REWRITTEN = HTML.replace(
  /(<blockquote[^>]*><p>)“There’s literally[^<]*(<\/p><\/blockquote>)/,
  `$1“${REWORDED}”$2`,
);
const FIGURE = '$17 billion';

const env = useExtension();

async function open(path: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await waitForContentScript(page);
  return page;
}

/** A real mouse drag across the article, from `from` to the end of `to`. */
const drag = (page: Page, from: string, to: string) => dragIn(page, from, to, 'article');

/** A real click just before the first character of `text`: the caret, no selection. */
async function caretBefore(page: Page, text: string, within = 'article'): Promise<void> {
  const box = await page.evaluate(
    ({ text, within }) => {
      const root = document.querySelector(within)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf(text);
        if (at < 0) continue;
        n.parentElement!.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + 1);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + 1, y: rect.top + rect.height / 2 };
      }
      throw new Error(`not on the page: ${text}`);
    },
    { text, within },
  );
  await page.mouse.click(box.x, box.y);
}

/** The claim as stored, read from the extension's database in its service worker. */
async function stored(id: string): Promise<Record<string, unknown> | undefined> {
  const worker = env.browser.context.serviceWorkers()[0] ?? env.browser.worker;
  return worker.evaluate(
    (id) =>
      new Promise<Record<string, unknown> | undefined>((done, fail) => {
        const request = indexedDB.open('claimmark');
        request.onerror = () => fail(request.error);
        request.onsuccess = () => {
          const get = request.result.transaction('annotations').objectStore('annotations').get(id);
          get.onsuccess = () => {
            done(get.result as Record<string, unknown> | undefined);
            request.result.close();
          };
          get.onerror = () => fail(get.error);
        };
      }),
    id,
  );
}

/** Write a note in the claim's card (click its mark, type, Ctrl+Enter, close). */
async function addNote(page: Page, text: string, note: string): Promise<void> {
  const mark = page.locator('mark[data-annotation-id]', { hasText: text }).first();
  await mark.click();
  const card = page.getByRole('dialog', { name: 'Edit claim' });
  await card.getByRole('textbox', { name: 'Note' }).fill(note);
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => card.getByRole('status').textContent()).toBe('Saved');
  await card.getByRole('button', { name: 'Close' }).click();
}

describe('re-attach and adjust (Chromium)', () => {
  it('re-attaches an orphan from the side panel: same id, tags, note; the old quote recorded', async () => {
    const path = '/reattach-story/';
    env.server.set(path, HTML);
    const page = await open(path);
    await saveClaim(page, GONE, 'Quote', { within: 'article', tags: 'pressure' });
    await addNote(page, 'literally no time', 'Morale is low.');
    const { id } = (await highlights(page))[0]!;
    const before = (await stored(id))!;

    env.server.set(path, REWRITTEN);
    await page.reload();
    await waitForContentScript(page);
    expect(await highlights(page)).toEqual([]);

    const panel = await extensionPage(env.browser, 'sidepanel.html', page);
    const orphans = panel
      .getByRole('list', { name: 'Not found on this page' })
      .getByRole('listitem');
    await expect.poll(() => orphans.count()).toBe(1);
    await orphans
      .first()
      .getByRole('button', { name: /^Re-attach/ })
      .click();
    await page.bringToFront();
    const bar = page.getByRole('dialog', { name: 'Re-attach claim' });
    await expect.poll(() => bar.textContent()).toContain('Select the words of this claim');

    await drag(page, REWORDED, REWORDED);
    await expect.poll(() => highlights(page)).toEqual([{ id, type: 'quote', text: REWORDED }]);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Claim re-attached.' }).count())
      .toBe(1);
    const after = (await stored(id))!;
    expect(after).toMatchObject({
      id,
      quote: REWORDED,
      type: 'quote',
      tags: ['pressure'],
      note: 'Morale is low.',
      created: before.created,
      reattached: { quote: GONE },
    });
    expect(after.selectors).toEqual([
      expect.objectContaining({ type: 'TextQuoteSelector', exact: REWORDED }),
      expect.objectContaining({ type: 'TextPositionSelector' }),
    ]);
    await expect.poll(() => orphans.count()).toBe(0);

    // It stays attached on the next visit.
    await page.reload();
    await waitForContentScript(page);
    expect(await highlights(page)).toEqual([{ id, type: 'quote', text: REWORDED }]);
  });

  it('re-attaches from the popup; a selection made by the page script is ignored', async () => {
    const path = '/reattach-popup/';
    env.server.set(path, HTML);
    const page = await open(path);
    await saveClaim(page, GONE, 'Quote', { within: 'article' });
    const { id } = (await highlights(page))[0]!;
    env.server.set(path, REWRITTEN);
    await page.reload();
    await waitForContentScript(page);

    const popup = await extensionPage(env.browser, 'popup.html', page);
    const orphans = popup
      .getByRole('list', { name: 'Not found on this page' })
      .getByRole('listitem');
    await expect.poll(() => orphans.count()).toBe(1);
    await orphans
      .first()
      .getByRole('button', { name: /^Re-attach claim:/ })
      .click();
    await page.bringToFront();
    await page.getByRole('dialog', { name: 'Re-attach claim' }).waitFor();

    // The page's own script selects words and fires mouseup: not the reader, nothing happens.
    await page.evaluate((words) => {
      const p = [...document.querySelectorAll('blockquote p')].find((e) =>
        e.textContent?.includes(words),
      )!;
      const range = document.createRange();
      range.selectNodeContents(p);
      document.getSelection()!.addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      document.dispatchEvent(
        new KeyboardEvent('keyup', { key: 'ArrowRight', shiftKey: true, bubbles: true }),
      );
    }, REWORDED);
    await page.waitForTimeout(300);
    expect(await highlights(page)).toEqual([]);
    expect((await stored(id))!.quote).toBe(GONE);
    await page.evaluate(() => document.getSelection()!.removeAllRanges());

    // The reader's click (a caret, no words) changes nothing; their drag does.
    await caretBefore(page, REWORDED);
    await page.waitForTimeout(200);
    expect(await highlights(page)).toEqual([]);
    await drag(page, REWORDED, REWORDED);
    await expect.poll(() => highlights(page)).toEqual([{ id, type: 'quote', text: REWORDED }]);
    expect(await stored(id)).toMatchObject({ quote: REWORDED, reattached: { quote: GONE } });
  });

  it('adjusts a highlight from its card across elements, keeps its note, and Undo puts it back', async () => {
    const path = '/adjust-story/';
    env.server.set(path, HTML);
    const page = await open(path);
    await saveClaim(page, FIGURE, 'Figure', { within: 'article', tags: 'tiktok' });
    await addNote(page, FIGURE, 'FY2024 target.');
    const { id } = (await highlights(page))[0]!;
    const before = (await stored(id))!;

    // Escape cancels an adjustment: nothing changes.
    await page.locator('mark[data-annotation-id]').first().click();
    await page
      .getByRole('dialog', { name: 'Edit claim' })
      .getByRole('button', { name: 'Adjust' })
      .click();
    await page.getByRole('dialog', { name: 'Adjust highlight' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Adjust highlight' }).waitFor({ state: 'detached' });

    // Longer, into the next paragraph.
    await page.locator('mark[data-annotation-id]').first().click();
    await page
      .getByRole('dialog', { name: 'Edit claim' })
      .getByRole('button', { name: 'Adjust' })
      .click();
    await page.getByRole('dialog', { name: 'Adjust highlight' }).waitFor();
    await drag(page, 'the team missed its ambitious goal', 'ByteDance leadership');
    await expect
      .poll(async () => (await highlights(page)).map((h) => [h.id, h.text]))
      .toEqual([
        [
          id,
          expect.stringMatching(
            /^the team missed its ambitious goal of \$17 billion in sales\. .* ByteDance leadership$/,
          ),
        ],
      ]);
    const adjusted = (await stored(id))!;
    expect(adjusted).toMatchObject({
      id,
      type: 'figure',
      tags: ['tiktok'],
      note: 'FY2024 target.',
      created: before.created,
    });
    expect(adjusted.quote).toMatch(/^the team missed .* ByteDance leadership$/);
    expect(adjusted.reattached).toBeUndefined();

    // Undo: the old extent back.
    const undo = page.getByRole('status').filter({ hasText: 'Highlight adjusted.' });
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => highlights(page)).toEqual([{ id, type: 'figure', text: FIGURE }]);
    expect(await stored(id)).toMatchObject({
      quote: FIGURE,
      selectors: before.selectors,
      note: 'FY2024 target.',
      tags: ['tiktok'],
    });

    // Shorter: the first word only.
    await page.locator('mark[data-annotation-id]').first().click();
    await page
      .getByRole('dialog', { name: 'Edit claim' })
      .getByRole('button', { name: 'Adjust' })
      .click();
    await page.getByRole('dialog', { name: 'Adjust highlight' }).waitFor();
    await drag(page, '$17', '$17');
    await expect.poll(() => highlights(page)).toEqual([{ id, type: 'figure', text: '$17' }]);
    await page.reload();
    await waitForContentScript(page);
    expect(await highlights(page)).toEqual([{ id, type: 'figure', text: '$17' }]);
  });
});
