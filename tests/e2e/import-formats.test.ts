/**
 * Importing other tools' files through Options → Backup & restore, in real Chromium: a real file
 * in each tool's shape (tests/fixtures/import), the dry run, the import, the claims painted on
 * their pages (the fixture pages' canonical URLs are the files' URLs), and a second import of the
 * same file that changes nothing. Hostile values in every field are kept as text and never run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import {
  extensionPage,
  highlights,
  launchExtension,
  startFixtureServer,
  waitForContentScript,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';
import { HOSTILE_TAGS, HOSTILE_TEXT, PWNED_FLAG } from '../fixtures/hostile';

const FIXTURES = resolve('tests/fixtures/import');
const TIKTOK = '/tiktok-shop-us-crackdown/';
const MOZILLA = '/wikipedia/';

let server: FixtureServer;
const browsers: ExtensionBrowser[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
});

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await server?.close();
});

/**
 * A fixture with its pages' real URLs turned into the fixture server's (a page's canonical link
 * counts only on its own site), written to a temporary file of the same name.
 */
function served(name: string): string {
  const text = readFileSync(join(FIXTURES, name), 'utf8')
    .replaceAll(
      'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/',
      `${server.origin}${TIKTOK}`,
    )
    .replaceAll('https://en.wikipedia.org/wiki/Mozilla', `${server.origin}${MOZILLA}`);
  const file = join(tmpdir(), `${Date.now()}-${name}`);
  writeFileSync(file, text);
  return file;
}

async function fresh(): Promise<ExtensionBrowser> {
  const browser = await launchExtension();
  browsers.push(browser);
  return browser;
}

/** Choose `file` in Backup & restore; the dry run's text once it shows. */
async function dryRun(options: Page, file: string): Promise<string> {
  const panel = options.getByRole('region', { name: 'Import claims' });
  await panel.locator('input[type=file]').setInputFiles(file);
  await expect.poll(() => panel.textContent()).toMatch(/Claims: .*Pages:/);
  return (await panel.textContent()) ?? '';
}

async function importFile(options: Page, file: string, claims: number): Promise<string> {
  const text = await dryRun(options, file);
  const panel = options.getByRole('region', { name: 'Import claims' });
  await panel.getByRole('button', { name: `Import ${claims} claims` }).click();
  await expect.poll(() => panel.textContent()).toContain('Imported.');
  return text;
}

async function painted(browser: ExtensionBrowser, path: string): Promise<string[]> {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}${path}`);
  await waitForContentScript(page);
  const texts = (await highlights(page)).map((h) => h.text);
  await page.close();
  return texts;
}

/** A second import of the same file: nothing new, nothing updated. */
async function againChangesNothing(options: Page, file: string, claims: number): Promise<void> {
  await options.reload();
  const text = await dryRun(options, file);
  expect(text).toContain(`Claims: ${claims} unchanged`);
  expect(text).not.toMatch(/\d+ (new|updated)/);
}

describe('import from other tools (Chromium)', () => {
  it('Hypothesis sidebar export: claims in, replies and page notes left out, painted on the page', async () => {
    const browser = await fresh();
    const options = await extensionPage(browser, 'options.html');
    const file = served('hypothesis-export.json');
    const review = await importFile(options, file, 5);
    expect(review).toContain('Hypothesis annotations');
    expect(review).toContain('Claims: 5 new, 3 rejected');
    expect(review).toContain(
      'Left out: 1 page notes, with no quoted text (not claims), 1 replies to other annotations (not claims)',
    );
    expect(review).toMatch(/quote is longer than 100000 characters/);
    const texts = await painted(browser, TIKTOK);
    expect(texts).toEqual(
      expect.arrayContaining([
        '$17 billion',
        'ByteDance leadership, based in China',
        'TikTok’s e-commerce aspirations in the U.S. have hit a roadblock.',
        'Bob Kang',
      ]),
    );
    expect(
      texts.some((t) => t.startsWith('This frustration comes after') && t.endsWith('approach.')),
    ).toBe(true);
    expect(texts).toHaveLength(5);
    await againChangesNothing(options, file, 5);
  });

  it('Hypothesis API search response: a repeated quote is placed at the first, and the card says so', async () => {
    const browser = await fresh();
    const options = await extensionPage(browser, 'options.html');
    const file = served('hypothesis-search.json');
    const review = await importFile(options, file, 3);
    expect(review).toContain('Claims: 3 new');
    expect(review).toContain('Left out: 1 replies');
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}${MOZILLA}`);
    await waitForContentScript(page);
    const texts = (await highlights(page)).map((h) => h.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'created in 1998 by members of Netscape',
        'Mozilla Foundation',
        'supported institutionally by the Mozilla Foundation',
      ]),
    );
    // "Mozilla Foundation" is painted at its first occurrence in the page.
    const first = await page.evaluate(() => {
      const marks = [...document.querySelectorAll('mark[data-annotation-id]')];
      const text = document.body.textContent ?? '';
      const mark = marks.find((m) => m.textContent === 'Mozilla Foundation')!;
      const range = document.createRange();
      range.setStart(document.body, 0);
      range.setEndBefore(mark);
      return range.toString().length === text.indexOf('Mozilla Foundation');
    });
    expect(first).toBe(true);
    const mark = page
      .locator('mark[data-annotation-id]', { hasText: /^Mozilla Foundation$/ })
      .first();
    // It is a link in the page's hatnote: a click would follow it. The fixture's link goes.
    await mark.evaluate((m) => m.closest('a')?.removeAttribute('href'));
    await mark.scrollIntoViewIfNeeded();
    await mark.click();
    const card = page.getByRole('dialog', { name: 'Edit claim' });
    await expect.poll(() => card.textContent()).toContain('Placed by quote only');
    await page
      .getByRole('dialog', { name: 'Edit claim' })
      .getByRole('button', { name: 'Close' })
      .click();
    // The side panel says so too, for that claim only.
    const panel = await extensionPage(browser, 'sidepanel.html', page);
    const items = panel.getByRole('list', { name: 'Claims on this page' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(3);
    const flagged = items.filter({ hasText: 'placed by quote only' });
    await expect.poll(() => flagged.count()).toBe(1);
    expect(await flagged.locator('q.quote').textContent()).toBe('Mozilla Foundation');
    await againChangesNothing(options, file, 3);
  });

  it('Obsidian Web Clipper highlights: HTML text, notes, pages', async () => {
    const browser = await fresh();
    const options = await extensionPage(browser, 'options.html');
    const file = served('obsidian-highlights.json');
    const review = await importFile(options, file, 5);
    expect(review).toContain('Obsidian Web Clipper highlights');
    expect(review).toContain('Claims: 5 new, 4 rejected');
    const texts = await painted(browser, TIKTOK);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Bob Kang, ByteDance’s head of e-commerce, singled out the U.S. team as underperforming.',
        'TikTok Shop',
      ]),
    );
    expect(
      texts.some((t) => t.includes('the team missed its ambitious goal of $17 billion in sales.')),
    ).toBe(true);
    expect(await painted(browser, MOZILLA)).toEqual([
      'Mozilla produces many products such as the Firefox web browser',
    ]);
    await againChangesNothing(options, file, 5);
  });

  it('CSV: Readwise-style and plain columns', async () => {
    const browser = await fresh();
    const options = await extensionPage(browser, 'options.html');
    const readwise = served('readwise.csv');
    const review = await importFile(options, readwise, 3);
    expect(review).toContain('CSV');
    expect(review).toContain('Claims: 3 new, 2 rejected');
    await options.reload();
    const claims = served('claims.csv');
    const second = await importFile(options, claims, 4);
    expect(second).toContain('a type Claimmark does not know');
    expect(await painted(browser, TIKTOK)).toEqual(
      expect.arrayContaining([
        'Now, the U.S. division is facing a crackdown',
        'Employees are now required to be in the office five days a week',
        'February 2025',
        'Amazon and Walmart',
      ]),
    );
    expect(await painted(browser, MOZILLA)).toEqual(
      expect.arrayContaining(['Thunderbird e-mail client', 'February 28, 1998', 'Netscape']),
    );
    await againChangesNothing(options, readwise, 3);
    await againChangesNothing(options, claims, 4);
  });

  it('hostile values in every field of Hypothesis, Obsidian and CSV files are kept as text, never run', async () => {
    const browser = await fresh();
    const options = await extensionPage(browser, 'options.html');
    const small = HOSTILE_TEXT.filter((c) => c.text.length < 10_000);
    const rows = small.map((c, i) => ({
      id: `hostile-${i}`,
      uri: c.text,
      text: c.text,
      tags: [...HOSTILE_TAGS, c.text.slice(0, 90)],
      document: { title: [c.text] },
      created: c.text,
      updated: c.text,
      references: i % 2 ? [] : undefined,
      target: [
        {
          source: `${server.origin}${TIKTOK}`,
          selector: [
            {
              type: 'RangeSelector',
              startContainer: c.text,
              endContainer: c.text,
              startOffset: c.text,
              endOffset: 1,
            },
            { type: 'TextPositionSelector', start: c.text, end: -1 },
            {
              type: 'TextQuoteSelector',
              exact: `$17 billion ${c.text}`,
              prefix: c.text,
              suffix: c.text,
            },
          ],
        },
      ],
    }));
    const file = join(tmpdir(), `claimmark-hostile-hypothesis-${Date.now()}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        export_date: '<script>',
        export_userid: c0(),
        client_version: c0(),
        annotations: rows,
      }),
    );
    const review = await dryRun(options, file);
    expect(review).toMatch(/Claims: \d+ new/);
    const panel = options.getByRole('region', { name: 'Import claims' });
    await panel.getByRole('button', { name: /^Import \d+ claims?$/ }).click();
    await expect.poll(() => panel.textContent()).toContain('Imported.');
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}${TIKTOK}`);
    await waitForContentScript(page);
    // Not on the page: orphans. The side panel and popup list them as text.
    const popup = await extensionPage(browser, 'popup.html', page);
    const orphans = popup
      .getByRole('list', { name: 'Not found on this page' })
      .getByRole('listitem');
    await expect.poll(() => orphans.count()).toBeGreaterThan(10);
    const panelPage = await extensionPage(browser, 'sidepanel.html', page);
    await expect
      .poll(() =>
        panelPage
          .getByRole('list', { name: 'Not found on this page' })
          .getByRole('listitem')
          .count(),
      )
      .toBeGreaterThan(10);
    // The same values in an Obsidian Web Clipper export and a CSV.
    const obsidian = join(tmpdir(), `claimmark-hostile-obsidian-${Date.now()}.json`);
    writeFileSync(
      obsidian,
      JSON.stringify([
        {
          url: `${server.origin}${TIKTOK}`,
          title: c0(),
          highlights: small.map((c) => ({
            text: c.text,
            notes: [c.text],
            comment: c.text,
            color: c.text,
            timestamp: c.text,
          })),
        },
        ...small.map((c) => ({ url: c.text, title: c.text, highlights: [{ text: c.text }] })),
      ]),
    );
    await options.reload();
    expect(await dryRun(options, obsidian)).toMatch(
      /Obsidian Web Clipper highlights.*Claims: \d+ new/,
    );
    await options.getByRole('button', { name: /^Import \d+ claims?$/ }).click();
    await expect
      .poll(() => options.getByRole('region', { name: 'Import claims' }).textContent())
      .toContain('Imported.');
    const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const csv = join(tmpdir(), `claimmark-hostile-${Date.now()}.csv`);
    writeFileSync(
      csv,
      ['url,quote,note,tags,type,saved,title,id']
        .concat(
          small.map((c) =>
            [
              `${server.origin}${TIKTOK}`,
              c.text,
              c.text,
              HOSTILE_TAGS.join(';'),
              c.text,
              c.text,
              c.text,
              c.text,
            ]
              .map(cell)
              .join(','),
          ),
        )
        .concat(small.map((c) => [c.text, c.text].map(cell).join(',')))
        .join('\r\n'),
    );
    await options.reload();
    expect(await dryRun(options, csv)).toMatch(/CSV.*Claims: \d+ new/);
    await options.getByRole('button', { name: /^Import \d+ claims?$/ }).click();
    await expect
      .poll(() => options.getByRole('region', { name: 'Import claims' }).textContent())
      .toContain('Imported.');
    await page.reload();
    await waitForContentScript(page);
    await popup.reload();
    await panelPage.reload();
    await expect.poll(() => orphans.count()).toBeGreaterThan(30);
    for (const p of [options, page, popup, panelPage]) {
      expect(
        await p.evaluate(
          (flag) => (window as unknown as Record<string, unknown>)[flag],
          PWNED_FLAG,
        ),
      ).toBeUndefined();
      expect(await p.locator('script:has-text("__claimmarkPwned"), img[onerror]').count()).toBe(0);
    }
  });
});

function c0(): string {
  return HOSTILE_TEXT[0]!.text;
}
