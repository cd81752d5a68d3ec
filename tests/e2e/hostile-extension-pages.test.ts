/**
 * Hostile input through the extension's own pages, in real Chromium: a Claimmark backup whose
 * quotes, notes, tags, page titles, bylines, site names and URLs are the hostile corpus is imported
 * through Options → Backup & restore; then the options page (import review, tag manager), every
 * export (Markdown, CSV, W3C, JSON from the options page; Markdown from the popup), the popup
 * (results and search) and the side panel show it. Nothing may run (no dialog, no
 * `window.__claimmarkPwned`, no inline handler in the DOM, no request to evil.test), nothing may
 * throw or log an error, and every string is shown and exported as written — except what the
 * import documents: lone surrogates become U+FFFD (with a warning), over-long texts and non-http
 * URLs are refused with a reason.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { HOSTILE_TAGS, HOSTILE_TEXT, HOSTILE_URLS } from '../fixtures/hostile';
import { hasLoneSurrogate, wellFormed } from '../../utils/export/text';
import { LIMITS } from '../../utils/protocol/to-background';
import {
  collapseWhitespace,
  normalizeTags,
  type Annotation,
  type Page as Stored,
} from '../../utils/core/model';
import { extensionPage, highlights, tabIdOf, waitForContentScript } from './harness';
import { hostileArticle, pwnedIn, watchContext, type Incidents } from './hostile-watch';
import { useExtension } from './use-extension';
import { parseCsv } from '../tools/csv';

const env = useExtension();
let incidents: Incidents;
beforeAll(async () => {
  incidents = await watchContext(env.browser.context);
});

const MB_TEXT = HOSTILE_TEXT.find((c) => c.text.length > 500_000)!.text;
const CASES = HOSTILE_TEXT.filter((c) => c.text !== MB_TEXT);
/** The longest quote Claimmark stores (LIMITS.quote). */
const LONGEST = `${'y'.repeat(LIMITS.quote - 13)} end of limit`;
const TAGS = normalizeTags(HOSTILE_TAGS);
/** What a quote / note / title is once imported: lone surrogates replaced (with a warning). */
const imported = (text: string) => wellFormed(text);
const quoteOf = (text: string) => imported(collapseWhitespace(text));

function page(url: string, title: string, extra: Partial<Stored> = {}): Stored {
  const time = '2025-03-01T09:00:00.000Z';
  return {
    url,
    aliases: [],
    title,
    byline: '',
    siteName: '',
    publishedTime: '',
    lang: 'en',
    excerpt: '',
    firstSeen: time,
    lastSeen: time,
    ...extra,
  };
}

let clock = Date.parse('2025-03-01T10:00:00.000Z');
function claim(url: string, quote: string, extra: Partial<Annotation> = {}): Annotation {
  const time = new Date((clock += 1000)).toISOString();
  return {
    id: randomUUID(),
    url,
    quote,
    selectors: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }],
    type: 'claim',
    tags: [],
    note: '',
    created: time,
    updated: time,
    ...extra,
  };
}

/** The hostile library, as a backup file a colleague (or an attacker) hands over. */
function hostileBackup(origin: string) {
  const main = `${origin}/library/`;
  const big = `${origin}/big/`;
  const pages = [
    page(main, CASES[0]!.text, { byline: CASES[2]!.text, siteName: CASES[3]!.text }),
    ...CASES.map(({ text }, i) =>
      page(`${origin}/t/${i}/`, text, { byline: text, siteName: text, excerpt: text }),
    ),
    ...HOSTILE_URLS.map(({ name, text }) => page(text, `URL ${name}`)),
    page(big, 'Big texts'),
    page(`${origin}/mb-title/`, MB_TEXT),
  ];
  const mainClaims = CASES.map(({ text }) =>
    claim(main, collapseWhitespace(text), { note: text, tags: [...HOSTILE_TAGS] }),
  );
  const annotations = [
    ...mainClaims,
    ...CASES.map((_, i) => claim(`${origin}/t/${i}/`, `Plain claim number ${i}`)),
    ...HOSTILE_URLS.map(({ name, text }) => claim(text, `Claim on the ${name} URL`)),
    claim(big, LONGEST),
    claim(big, MB_TEXT),
    claim(big, 'A claim with a 1 MB note', { note: MB_TEXT }),
  ];
  const backup = {
    format: 'claimmark-backup',
    version: 1,
    settings: { tagColours: { '<script>': '#ff0000' } },
    pages,
    annotations,
  };
  const accepted = HOSTILE_URLS.filter((u) => /^https?:/.test(u.text)).length;
  return {
    json: JSON.stringify(backup),
    main,
    mainClaims,
    claims: 2 * CASES.length + accepted + 1,
    rejectedClaims: HOSTILE_URLS.length - accepted + 2,
    rejectedPages: HOSTILE_URLS.length - accepted + 1,
  };
}

/** Markdown that renders no raw HTML, opens no javascript: link and loads no image. */
function expectInertMarkdown(markdown: string): void {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, ''); // YAML front matter: data, not Markdown
  expect(body).not.toMatch(/(^|[^\\])<\/?(script|img|svg|textarea|style|template|b)\b/im);
  expect(body).not.toMatch(/(^|[^\\])\]\(\s*<?\s*javascript:/im);
  expect(body).not.toMatch(/(^|[^\\])!\[[^\]]*\]\(/m);
  expect(body).not.toMatch(/^\s*#{1,6} Heading/m);
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync((await file.path())!, 'utf8');
}

/** Download an export through the ExportMenu of `page` (options or popup). */
async function exportFrom(
  page: Page,
  format: RegExp,
  choose: { scope?: RegExp; check?: string } = {},
): Promise<string> {
  const form = page.getByRole('form', { name: 'Export claims' });
  if (choose.scope) await form.getByRole('radio', { name: choose.scope }).check();
  await form.getByRole('radio', { name: format }).check();
  if (choose.check) await form.getByRole('checkbox', { name: choose.check }).check();
  return download(page, () => form.getByRole('button', { name: 'Download' }).click());
}

async function expectClean(pages: Page[]): Promise<void> {
  for (const p of pages) {
    expect(await pwnedIn(p)).toEqual({ url: p.url(), pwned: undefined, handlers: [] });
  }
  expect(incidents).toEqual({ dialogs: [], pageErrors: [], consoleErrors: [], evilRequests: [] });
}

const texts = (locator: Locator) => locator.allTextContents();

describe('hostile input in the extension pages (Chromium)', () => {
  it('imports, lists, searches, exports and shows the hostile library as written', async () => {
    const origin = env.server.originFor('news.test');
    const backup = hostileBackup(origin);
    const file = join(tmpdir(), `claimmark-hostile-${process.pid}.json`);
    writeFileSync(file, backup.json);

    // Import: the review names every refused record with its reason, as text.
    const options = await extensionPage(env.browser, 'options.html');
    const panel = options.getByRole('region', { name: 'Import claims' });
    await panel.locator('input[type=file]').setInputFiles(file);
    await expect
      .poll(() => panel.textContent(), { timeout: 15_000 })
      .toContain(`Claims: ${backup.claims} new, ${backup.rejectedClaims} rejected`);
    const review = (await panel.textContent())!;
    expect(review).toMatch(/broken characters \(unpaired UTF-16 surrogates\), replaced with �/);
    await panel.locator('summary').click();
    const reasons = await texts(panel.locator('.import-rejections li'));
    expect(reasons).toHaveLength(backup.rejectedClaims + backup.rejectedPages);
    for (const { text } of HOSTILE_URLS.filter((u) => !/^https?:/.test(u.text))) {
      expect(reasons.some((r) => r.startsWith('page #') && r.includes(`(${text}):`))).toBe(true);
    }
    expect(reasons.filter((r) => r.includes('must be an http(s) or file URL'))).toHaveLength(
      2 * HOSTILE_URLS.filter((u) => !/^https?:/.test(u.text)).length,
    );
    expect(reasons.some((r) => /(quote|exact) is longer than 100000 characters/.test(r))).toBe(
      true,
    );
    expect(reasons.some((r) => /note is longer than 50000 characters/.test(r))).toBe(true);
    expect(reasons.some((r) => /title is longer than 1000 characters/.test(r))).toBe(true);
    await panel.getByRole('button', { name: `Import ${backup.claims} claims` }).click();
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain('Imported.');

    // Tag manager: every tag as text, and no colour where none was given.
    const rows = options.locator('.tags-table tbody tr');
    await expect.poll(() => rows.count()).toBe(TAGS.length);
    expect((await texts(rows.locator('th'))).sort()).toEqual(TAGS.map((t) => `#${t}`).sort());
    const coloured = await rows
      .filter({ has: options.locator('.swatch') })
      .locator('th')
      .allTextContents();
    expect(coloured).toEqual(['#<script>']);
    expect(await options.getByRole('button', { name: /^No colour/ }).count()).toBe(1);
    // Rename one to a hostile name through the UI.
    const evil = `"><svg onload=window.__claimmarkpwned=1>`;
    await options.getByRole('button', { name: 'Rename #=cmd' }).click();
    await options.getByRole('textbox', { name: 'New name for #=cmd' }).fill(evil);
    await options.getByRole('textbox', { name: 'New name for #=cmd' }).press('Enter');
    await expect
      .poll(async () => (await texts(rows.locator('th'))).includes(`#${evil}`))
      .toBe(true);
    // Renaming `constructor` (an Object.prototype key) moves no phantom colour onto the new name.
    await options.getByRole('button', { name: 'Rename #constructor' }).click();
    await options.getByRole('textbox', { name: 'New name for #constructor' }).fill('ctor');
    await options.getByRole('textbox', { name: 'New name for #constructor' }).press('Enter');
    await expect
      .poll(() => options.getByRole('status').allTextContents())
      .toContain(`Renamed #constructor to #ctor on ${CASES.length} claims.`);
    const ctor = rows.filter({ hasText: '#ctor' });
    expect(await ctor.locator('.swatch').count()).toBe(0);
    await options.getByRole('searchbox', { name: 'Filter tags' }).fill('<script>');
    await expect.poll(() => texts(rows.locator('th'))).toEqual(['#<script>']);

    // Exports from the options page keep every string, neutralise formulas, escape Markdown.
    const json = JSON.parse(await exportFrom(options, /Claimmark backup/)) as {
      annotations: Annotation[];
      pages: Stored[];
    };
    const tagsAfter = TAGS.map((t) => (t === '=cmd' ? evil : t === 'constructor' ? 'ctor' : t));
    for (const expected of backup.mainClaims) {
      const got = json.annotations.find((a) => a.id === expected.id)!;
      expect(got.quote).toBe(imported(expected.quote));
      expect(got.note).toBe(imported(expected.note));
      expect([...got.tags].sort()).toEqual([...tagsAfter].sort());
    }
    expect(json.annotations.find((a) => a.quote.length === LONGEST.length)?.quote).toBe(LONGEST);
    for (const [i, { text }] of CASES.entries()) {
      const got = json.pages.find((p) => p.url === `${origin}/t/${i}/`)!;
      expect([got.title, got.byline, got.siteName]).toEqual(Array(3).fill(imported(text)));
    }

    const w3c = JSON.parse(await exportFrom(options, /W3C/)) as {
      first: { items: { id: string; target: { selector: { type: string; exact?: string }[] } }[] };
    };
    const exacts = w3c.first.items.flatMap((item) =>
      item.target.selector.filter((s) => s.type === 'TextQuoteSelector').map((s) => s.exact),
    );
    for (const expected of backup.mainClaims) expect(exacts).toContain(imported(expected.quote));

    const csv = parseCsv((await exportFrom(options, /^CSV/)).replace(/^\uFEFF/, ''));
    const header = csv[0]!;
    expect(csv).toHaveLength(backup.claims + 1);
    for (const row of csv.slice(1)) {
      expect(row).toHaveLength(header.length);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    const quotes = csv.slice(1).map((row) => row[header.indexOf('quote')]);
    const notes = csv.slice(1).map((row) => row[header.indexOf('note')]);
    const cellOf = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
    for (const expected of backup.mainClaims) {
      expect(quotes).toContain(cellOf(imported(expected.quote)));
      expect(notes).toContain(cellOf(imported(expected.note)));
    }

    expectInertMarkdown(
      await exportFrom(options, /^Markdown/, {
        check: 'Add YAML front matter (Obsidian properties)',
      }),
    );

    // Popup: every quote, note and title as text; hostile queries are searched, never an error.
    const popup = await extensionPage(env.browser, 'popup.html');
    const count = popup.locator('p.count');
    await expect.poll(() => count.textContent()).toMatch(new RegExp(`^${backup.claims} claims`));
    const started = Date.now();
    const listed = popup.locator('#claims > li');
    await expect.poll(() => listed.count()).toBeGreaterThan(0);
    for (let shown = await listed.count(); shown < backup.claims; ) {
      await popup.getByRole('button', { name: 'Show more' }).click();
      await expect.poll(() => listed.count()).toBeGreaterThan(shown);
      shown = await listed.count();
    }
    expect(await listed.count()).toBe(backup.claims);
    // A 100,000-character word wraps and is clamped: the popup keeps its width.
    expect(
      await popup.evaluate(() => document.querySelector('main')!.scrollWidth),
    ).toBeLessThanOrEqual(440);
    const popupMs = Date.now() - started;
    const shownQuotes = await texts(popup.locator('#claims q.quote'));
    const shownNotes = await texts(popup.locator('#claims .note'));
    const shownTitles = await texts(popup.locator('#claims .source .title'));
    for (const { text } of CASES) {
      expect(shownQuotes).toContain(quoteOf(text));
      expect(shownNotes).toContain(imported(text));
      expect(shownTitles).toContain(imported(text));
    }
    expect(shownQuotes).toContain(LONGEST);
    const search = popup.getByRole('searchbox', { name: 'Search claims' });
    for (const { name, text } of CASES) {
      await search.fill(text);
      await expect
        .poll(() => count.getAttribute('data-query'), { message: name })
        .toBe(await search.inputValue());
      expect(await popup.getByRole('alert').count(), name).toBe(0);
    }
    // A word of a hostile quote finds it, and the page titled with it.
    const formula = CASES.findIndex((c) => c.name === 'csv formula');
    await search.fill('HYPERLINK');
    await expect
      .poll(() => texts(popup.locator('#claims q.quote')))
      .toEqual([CASES[formula]!.text, `Plain claim number ${formula}`]);
    // Popup exports: the results of a hostile query (its title holds the query) and everything.
    await search.fill(CASES[0]!.text);
    await expect.poll(() => count.getAttribute('data-query')).toBe(CASES[0]!.text);
    await popup.getByRole('button', { name: 'Export', exact: true }).click();
    const results = await exportFrom(popup, /^Markdown/, {
      scope: /^Current results/,
      check: 'Add YAML front matter (Obsidian properties)',
    });
    expectInertMarkdown(results);
    expect(results).toContain('Claims matching');
    const all = parseCsv(await exportFrom(popup, /^CSV/, { scope: /^Everything/ }));
    expect(all).toHaveLength(backup.claims + 1);
    for (const cell of all.slice(1).flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    // The article: every imported claim anchors and is painted on its words.
    env.server.set(
      '/library/',
      hostileArticle(
        CASES.map((c) => c.text),
        'Library',
        '',
      ),
    );
    const article = await env.browser.context.newPage();
    await article.goto(backup.main);
    await waitForContentScript(article);
    // The page's own words are painted. The two quotes with a lone surrogate were imported as the
    // same 'broken � pair' (no context): each lands on one of the two paragraphs.
    expect((await highlights(article)).map((h) => h.text)).toEqual(
      CASES.map((c) =>
        hasLoneSurrogate(c.text)
          ? expect.stringMatching(/^broken [\uD800-\uDFFF] pair$/)
          : collapseWhitespace(c.text),
      ),
    );

    // Side panel: the page's claims in page order, quote, note and tags as text; the editor too.
    const side = await env.browser.context.newPage();
    await side.goto(
      `chrome-extension://${env.browser.extensionId}/sidepanel.html?tab=${await tabIdOf(env.browser, article)}`,
    );
    const items = side.getByRole('list', { name: 'Claims on this page' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(CASES.length);
    expect(await texts(items.locator('q.quote'))).toEqual(CASES.map((c) => quoteOf(c.text)));
    expect(await texts(items.locator('p.note'))).toEqual(CASES.map((c) => imported(c.text)));
    expect(await side.locator('.swatch').count()).toBe(CASES.length); // '<script>' only
    const first = items.first();
    await first.getByRole('button', { name: /^Edit/ }).click();
    const editor = first.getByRole('dialog', { name: 'Edit claim' });
    expect(await editor.locator('q.card-quote').textContent()).toBe(quoteOf(CASES[0]!.text));
    expect(await editor.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(CASES[0]!.text);

    console.log(
      `popup listed ${backup.claims} hostile claims (one of ${LIMITS.quote} characters) in ${popupMs} ms`,
    );
    await expectClean([options, popup, article, side]);
  });
});
