/**
 * Driving Claimmark's PDF viewer in the e2e tests: open it on a URL, read the painted claims
 * per page, find its tab's id.
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './harness';

/** The viewer on `file` (`#page=N` in `hash`), once the PDF is open (or its error shown). */
export async function openViewer(
  browser: ExtensionBrowser,
  file: string,
  hash = '',
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(viewerUrl(browser, file, hash));
  await viewerReady(page);
  return page;
}

/** The viewer's address for `file`. */
export function viewerUrl(browser: ExtensionBrowser, file: string, hash = ''): string {
  const query = new URLSearchParams({ file }).toString();
  return `chrome-extension://${browser.extensionId}/pdf.html?${query}${hash}`;
}

export async function viewerReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ['ready', 'error'].includes(document.documentElement.dataset.claimmark ?? ''),
    undefined,
    { timeout: 30_000 },
  );
}

export const pageLayer = (index: number) => `[data-page-index="${index}"] .textLayer`;

/** Painted claims: the text of each id's marks (a mark per text-layer span, joined by a space). */
export async function pdfHighlights(page: Page, within = 'body') {
  return page.evaluate((within) => {
    const byId = new Map<string, { id: string; type: string; page: string; parts: string[] }>();
    const root = document.querySelector(within)!;
    for (const mark of root.querySelectorAll<HTMLElement>('mark[data-annotation-id]')) {
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

/** Wait until a claim is painted on page `index`. */
export async function paintedOn(page: Page, index: number): Promise<void> {
  await page
    .locator(`${pageLayer(index)} mark[data-annotation-id]`)
    .first()
    .waitFor({ timeout: 15_000 });
}

/** The id of the tab showing `page` (extension pages included), asked of the service worker. */
export async function viewerTabId(browser: ExtensionBrowser, page: Page): Promise<number> {
  const worker = browser.context.serviceWorkers()[0] ?? browser.worker;
  const id = await worker.evaluate(async (url) => {
    const api = (
      globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
      }
    ).chrome;
    return (await api.tabs.query({})).find((t) => t.url === url)?.id;
  }, page.url());
  if (id === undefined) throw new Error(`no tab for ${page.url()}`);
  return id;
}
