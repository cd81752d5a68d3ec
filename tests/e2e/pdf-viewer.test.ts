/**
 * Claimmark's PDF viewer in real Chromium: PDFs printed from our fixture articles, opened,
 * selected with the real mouse, saved, reopened and painted again; errors in plain words.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveClaim } from './harness';
import { seriousViolations } from './axe';
import { useExtension } from './use-extension';
import {
  DEMO_PDF,
  LONG_PDF,
  encryptPdf,
  makePdf,
  startPdfServer,
  type PdfServer,
} from './pdf-fixtures';
import {
  openViewer,
  pageLayer,
  paintedOn,
  pdfHighlights,
  viewerReady,
  viewerUrl,
} from './pdf-harness';

const env = useExtension();
const PASSWORD = 'Q3-earnings!';
let pdfs: PdfServer;
let demo: Buffer;
let long: Buffer;
let dir: string;

beforeAll(async () => {
  demo = await makePdf(DEMO_PDF);
  long = await makePdf(LONG_PDF);
  pdfs = await startPdfServer();
  pdfs.set('/reports/tiktok.pdf', demo);
  pdfs.set('/reports/guardian.pdf', long);
  pdfs.set('/broken.pdf', Buffer.from('%PDF-1.7\nthis is not really a PDF\n%%EOF\n'));
  pdfs.set('/locked.pdf', await encryptPdf(demo, PASSWORD));
  dir = mkdtempSync(join(tmpdir(), 'claimmark-pdf-'));
}, 120_000);
afterAll(async () => {
  await pdfs?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The password form, once the viewer asks for one. */
async function passwordPrompt(page: Page) {
  const prompt = page.getByRole('form', { name: 'This PDF is protected by a password' });
  await prompt.waitFor({ timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('password');
  return prompt;
}

/** Everything the extension keeps: storage.local and .session, and every IndexedDB record. */
async function everythingStored(): Promise<string> {
  const worker = env.browser.context.serviceWorkers()[0] ?? env.browser.worker;
  return worker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: { storage: Record<'local' | 'session', { get(k: null): Promise<unknown> }> };
      }
    ).chrome;
    const parts: unknown[] = [
      await api.storage.local.get(null),
      await api.storage.session.get(null),
    ];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const open = indexedDB.open(name!);
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      for (const store of db.objectStoreNames) {
        parts.push(
          await new Promise((done, fail) => {
            const all = db.transaction(store).objectStore(store).getAll();
            all.onsuccess = () => done(all.result);
            all.onerror = () => fail(all.error);
          }),
        );
      }
      db.close();
    }
    return JSON.stringify(parts);
  });
}

describe('PDF viewer', () => {
  it('says plainly when a file is not a PDF, or when no password was given for a protected one', async () => {
    const page = await openViewer(env.browser, `${pdfs.origin}/broken.pdf`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(
      /not a PDF, or it is damaged/,
    );
    await page.goto(page.url().replace('broken.pdf', 'locked.pdf'));
    const prompt = await passwordPrompt(page);
    await prompt.getByRole('button', { name: 'Cancel' }).click();
    await viewerReady(page);
    expect(await page.locator('#message').textContent()).toMatch(
      /protected by a password, and none was given/,
    );
    expect(await prompt.isHidden()).toBe(true);
    // The way back to the original stays.
    expect(
      await page.getByRole('link', { name: /Back to the original/ }).getAttribute('href'),
    ).toBe(`${pdfs.origin}/locked.pdf`);
    await page.close();
  });

  it('asks for the password of a protected PDF, refuses a wrong one, keeps it nowhere, and its claims work', async () => {
    const url = `${pdfs.origin}/locked.pdf`;
    const page = await env.browser.context.newPage();
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.url()} ${r.postData() ?? ''}`));
    await page.goto(viewerUrl(env.browser, url));
    let prompt = await passwordPrompt(page);
    // A real form with a password field, every control named (axe).
    expect(await prompt.evaluate((f) => f.tagName)).toBe('FORM');
    expect(await prompt.getByLabel('Password').getAttribute('type')).toBe('password');
    expect(await seriousViolations(page, '#password-form')).toEqual([]);

    await page.keyboard.type('not-the-password'); // the field has the focus
    await page.keyboard.press('Enter');
    await expect
      .poll(() => prompt.getByRole('alert').textContent())
      .toBe('Wrong password, try again.');
    expect(await prompt.getByLabel('Password').inputValue()).toBe('');
    expect(await page.locator('[data-page-index]').count()).toBe(0);

    // A synthetic submit is not the reader's: ignored.
    await page.evaluate((p) => {
      const input = document.querySelector<HTMLInputElement>('#password')!;
      input.value = p;
      input.form!.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    }, PASSWORD);
    await page.waitForTimeout(300);
    expect(await page.locator('[data-page-index]').count()).toBe(0);
    await prompt.getByLabel('Password').fill('');

    await prompt.getByLabel('Password').click();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await viewerReady(page);
    expect(await prompt.isHidden()).toBe(true);
    await page.locator('[data-page-index="2"]').scrollIntoViewIfNeeded();
    await page.locator(pageLayer(2)).waitFor();
    await saveClaim(page, '$17\nbillion', 'Figure', { within: pageLayer(2), tags: 'locked' });

    // Reopened: asked again (nothing kept), then the claim is painted.
    await page.reload();
    prompt = await passwordPrompt(page);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await viewerReady(page);
    await page.locator('[data-page-index="2"]').scrollIntoViewIfNeeded();
    await paintedOn(page, 2);
    expect(await pdfHighlights(page)).toMatchObject([
      { text: '$17 billion', type: 'figure', page: '2' },
    ]);

    // The password is in no address, no request, no storage, no record.
    const kept = await everythingStored();
    expect(kept).toContain('$17 billion'); // the claim is there…
    expect(kept).not.toContain(PASSWORD); // …its PDF's password is not
    expect(page.url()).not.toContain(PASSWORD);
    expect(sent.join('\n')).not.toContain(PASSWORD);
    expect(sent.some((r) => r.startsWith(url))).toBe(true);
    await page.close();
  });

  it('renders only the pages near the viewport, with selectable text, under the default CSP', async () => {
    const csp: string[] = [];
    env.browser.context.on('console', (message) => {
      if (/Content Security Policy|unsafe-eval/i.test(message.text())) csp.push(message.text());
    });
    const page = await openViewer(env.browser, `${pdfs.origin}/reports/guardian.pdf`);
    const total = await page.locator('[data-page-index]').count();
    expect(total).toBeGreaterThanOrEqual(30);
    await page.locator(pageLayer(0)).waitFor();
    const rendered = await page.locator('[data-page-index][data-rendered]').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(6);
    expect(await page.locator(`${pageLayer(0)} span`).count()).toBeGreaterThan(10);
    expect(csp).toEqual([]);
    // Every control has a name (axe: no serious or critical violation).
    expect(await seriousViolations(page, '.bar')).toEqual([]);
    await page.close();
  });

  it('saves a claim spanning two lines on page 3 and paints it again on reopening', async () => {
    const url = `${pdfs.origin}/reports/tiktok.pdf`;
    const page = await openViewer(env.browser, url, '#page=3');
    await page.locator(pageLayer(2)).waitFor();
    // "$17" ends a line, "billion" starts the next one.
    await saveClaim(page, '$17\nbillion', 'Figure', { within: pageLayer(2), tags: 'earnings' });
    expect(await pdfHighlights(page)).toMatchObject([
      { text: '$17 billion', type: 'figure', page: '2' },
    ]);
    await page.reload();
    await viewerReady(page);
    await paintedOn(page, 2);
    expect(await pdfHighlights(page)).toMatchObject([
      { text: '$17 billion', type: 'figure', page: '2' },
    ]);
    await page.close();
  });

  it('keeps the highlight through zooming (pages render again)', async () => {
    const page = await openViewer(env.browser, `${pdfs.origin}/reports/tiktok.pdf`, '#page=3');
    await paintedOn(page, 2);
    const before = await page
      .locator(`${pageLayer(2)} mark`)
      .first()
      .boundingBox();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => page.locator('#zoom-level').textContent()).toBe('150%');
    await page.locator(`[data-page-index="2"]`).scrollIntoViewIfNeeded();
    await paintedOn(page, 2);
    const after = await page
      .locator(`${pageLayer(2)} mark`)
      .first()
      .boundingBox();
    expect(after!.width).toBeGreaterThan(before!.width * 1.1);
    expect(await pdfHighlights(page)).toMatchObject([{ text: '$17 billion', page: '2' }]);
    await page.close();
  });

  it('edits, deletes and undoes a claim from its card', async () => {
    const page = await openViewer(env.browser, `${pdfs.origin}/reports/tiktok.pdf`, '#page=3');
    await paintedOn(page, 2);
    await page
      .locator(`${pageLayer(2)} mark`)
      .first()
      .click();
    const card = page.getByRole('dialog', { name: 'Edit claim' });
    await card.getByRole('button', { name: /Delete/ }).click();
    await expect.poll(async () => (await pdfHighlights(page)).length).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await pdfHighlights(page)).length).toBe(1);
    await page.reload();
    await viewerReady(page);
    await paintedOn(page, 2);
    expect(await pdfHighlights(page)).toMatchObject([{ text: '$17 billion', type: 'figure' }]);
    await page.close();
  });

  it('saves a claim on page 30 of a long PDF and paints it there on reopening', async () => {
    const url = `${pdfs.origin}/reports/guardian.pdf`;
    const page = await openViewer(env.browser, url, '#page=30');
    await page.locator(pageLayer(29)).waitFor();
    const words = await page.evaluate((sel) => {
      const spans = [...document.querySelectorAll(`${sel} span`)].map((s) => s.textContent ?? '');
      return spans
        .find((s) => s.trim().split(/\s+/).length >= 4)!
        .trim()
        .split(/\s+/)
        .slice(0, 4)
        .join(' ');
    }, pageLayer(29));
    await saveClaim(page, words, 'Claim', { within: pageLayer(29) });
    await page.reload();
    await viewerReady(page);
    expect(await page.locator('[data-page-index="0"][data-rendered]').count()).toBe(0);
    await paintedOn(page, 29);
    expect(await pdfHighlights(page)).toEqual([
      expect.objectContaining({ text: words, page: '29' }),
    ]);
    await page.close();
  });

  it('finds the page-30 claim by its quote in a shorter edition of the PDF', async () => {
    const shorter = await makePdf({ ...LONG_PDF, repeat: 1 });
    pdfs.set('/reports/guardian.pdf', shorter);
    try {
      const page = await openViewer(env.browser, `${pdfs.origin}/reports/guardian.pdf`);
      const total = await page.locator('[data-page-index]').count();
      expect(total).toBeLessThan(30);
      let found: { text: string; page: string }[] = [];
      for (let i = 0; i < total && found.length === 0; i++) {
        await page.locator(`[data-page-index="${i}"]`).scrollIntoViewIfNeeded();
        await page.locator(`[data-page-index="${i}"][data-rendered]`).waitFor();
        found = await pdfHighlights(page, `[data-page-index="${i}"]`);
      }
      expect(found).toHaveLength(1);
      expect(Number(found[0]!.page)).toBeLessThan(total);
      await page.close();
    } finally {
      pdfs.set('/reports/guardian.pdf', long);
    }
  });

  it('a downloaded copy (other address, or a local file) shares the claims', async () => {
    pdfs.set('/downloads/copy-of-tiktok.pdf', demo);
    const copy = await openViewer(
      env.browser,
      `${pdfs.origin}/downloads/copy-of-tiktok.pdf`,
      '#page=3',
    );
    await paintedOn(copy, 2);
    expect(await pdfHighlights(copy)).toMatchObject([{ text: '$17 billion', page: '2' }]);
    await copy.close();

    const file = join(dir, 'tiktok.pdf');
    writeFileSync(file, demo);
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/pdf.html`);
    await page.getByLabel(/Open a PDF file/).setInputFiles(file);
    await viewerReady(page);
    await page.locator('[data-page-index="2"]').scrollIntoViewIfNeeded();
    await paintedOn(page, 2);
    expect(await pdfHighlights(page)).toMatchObject([{ text: '$17 billion', page: '2' }]);
    await page.close();
  });

  it('opens a PDF dropped on the pages, with its claims', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/pdf.html`);
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dropped.pdf', { type: 'application/pdf' }));
      const pages = document.getElementById('pages')!;
      pages.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, cancelable: true }));
      pages.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    }, demo.toString('base64'));
    await page.waitForFunction(
      () => document.title.includes('Claimmark') && !!document.querySelector('[data-page-index]'),
    );
    await viewerReady(page);
    await page.locator('[data-page-index="2"]').scrollIntoViewIfNeeded();
    await paintedOn(page, 2);
    expect(await pdfHighlights(page)).toMatchObject([{ text: '$17 billion', page: '2' }]);
    await page.close();
  });

  it('re-anchors by quote on a changed PDF at the same address (the claim moved to another page)', async () => {
    const changed = await makePdf({ ...DEMO_PDF, css: `${DEMO_PDF.css} body { font-size: 26px }` });
    pdfs.set('/reports/tiktok.pdf', changed);
    try {
      const page = await openViewer(env.browser, `${pdfs.origin}/reports/tiktok.pdf`);
      await expect
        .poll(async () => (await pdfHighlights(page)).map((h) => h.text), { timeout: 15_000 })
        .toEqual(['$17 billion']);
      const [painted] = await pdfHighlights(page);
      expect(painted!.page).not.toBe('2');
      await page.close();
    } finally {
      pdfs.set('/reports/tiktok.pdf', demo);
    }
  });
});
