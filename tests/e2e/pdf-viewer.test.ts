import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveClaim } from './harness';
import { useExtension } from './use-extension';
import { DEMO_PDF, makePdf, startPdfServer, type PdfServer } from './pdf-fixtures';

const env = useExtension();
let pdfs: PdfServer;
let demo: Buffer;

beforeAll(async () => {
  demo = await makePdf(DEMO_PDF);
  pdfs = await startPdfServer();
  pdfs.set('/reports/tiktok.pdf', demo);
  pdfs.set('/broken.pdf', Buffer.from('%PDF-1.7\nthis is not really a PDF\n%%EOF\n'));
  return () => pdfs.close();
}, 60_000);

async function openViewer(file: string, hash = ''): Promise<Page> {
  const page = await env.browser.context.newPage();
  const query = new URLSearchParams({ file }).toString();
  await page.goto(`chrome-extension://${env.browser.extensionId}/pdf.html?${query}${hash}`);
  await page.waitForFunction(
    () => document.documentElement.dataset.claimmark !== undefined,
    undefined,
    {
      timeout: 20_000,
    },
  );
  return page;
}

/** Painted claims: the text of each id's marks (a mark per text-layer span, joined by a space). */
async function highlights(page: Page, within = 'body') {
  return page.evaluate((within) => {
    const byId = new Map<string, { id: string; type: string; page: string; parts: string[] }>();
    for (const mark of document
      .querySelector(within)!
      .querySelectorAll<HTMLElement>('mark[data-annotation-id]')) {
      const id = mark.dataset.annotationId!;
      const entry = byId.get(id) ?? {
        id,
        type: mark.dataset.claimType ?? '',
        page: mark.closest('[data-page-index]')?.getAttribute('data-page-index') ?? '',
        parts: [],
      };
      entry.parts.push(mark.textContent ?? '');
      byId.set(id, entry);
    }
    return [...byId.values()].map(({ parts, ...rest }) => ({
      ...rest,
      text: parts.join(' ').replace(/\s+/g, ' ').trim(),
    }));
  }, within);
}

const pageLayer = (index: number) => `[data-page-index="${index}"] .textLayer`;

describe('PDF viewer', () => {
  it('says plainly when a file is not a PDF', async () => {
    const page = await openViewer(`${pdfs.origin}/broken.pdf`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(
      /not a PDF, or it is damaged/,
    );
    await page.close();
  });

  it('saves a claim spanning two lines on page 3 and paints it again on reopening', async () => {
    const url = `${pdfs.origin}/reports/tiktok.pdf`;
    const page = await openViewer(url, '#page=3');
    await page.locator(pageLayer(2)).waitFor();
    await saveClaim(page, '$17\nbillion', 'Figure', { within: pageLayer(2), tags: 'earnings' });
    expect(await highlights(page)).toMatchObject([
      { text: '$17 billion', type: 'figure', page: '2' },
    ]);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.claimmark === 'ready');
    await page
      .locator(`${pageLayer(2)} mark[data-annotation-id]`)
      .first()
      .waitFor();
    expect(await highlights(page)).toMatchObject([
      { text: '$17 billion', type: 'figure', page: '2' },
    ]);
    await page.close();
  });
});
