/**
 * The popup and PDFs: the active tab shows a PDF (the browser's own viewer, whatever its
 * address) → "Annotate this PDF" opens it in Claimmark's viewer in the same tab; the active tab is Claimmark's viewer →
 * its claims, read from the database (a viewer page has no content script to ask).
 */
import { browser } from 'wxt/browser';
import type { ClaimSummary } from '../../utils/protocol/to-content';
import type { ClaimmarkDB } from '../../utils/store/db';
import { findPage } from '../../utils/store/db';
import { isBlocked, loadSettings } from '../../utils/store/settings';
import { normalizeUrl } from '../../utils/core/url';
import { positionSelectorOf } from '../../utils/core/model';
import {
  isPdfUrl,
  mayShowPdf,
  parseViewerTarget,
  PDF_CONTENT_TYPE,
  viewerPath,
} from '../../utils/pdf/url';

export interface TabInfo {
  id: number;
  url: string;
}

/** The tab the popup is for: `?tab=ID` (the popup opened as a page, in tests) or the active one. */
export async function popupTab(search: string): Promise<TabInfo | null> {
  const requested = Number(new URLSearchParams(search).get('tab'));
  const tab =
    Number.isSafeInteger(requested) && requested > 0
      ? await browser.tabs.get(requested).catch(() => undefined)
      : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return tab?.id !== undefined ? { id: tab.id, url: tab.url ?? '' } : null;
}

/**
 * Whether the tab shows a PDF Claimmark could open in its viewer: its address ends in `.pdf`,
 * or its document says it is one (`document.contentType`, asked of the tab with a one-line
 * `scripting.executeScript` only when the popup opens: `/download?id=7` served as
 * `application/pdf`). A tab that cannot be asked (Firefox's own PDF viewer, a site where
 * Claimmark never runs) goes by its address.
 */
export async function showsPdf(tab: TabInfo | null): Promise<boolean> {
  if (!tab || !mayShowPdf(tab.url)) return false;
  if (isPdfUrl(tab.url)) return true;
  // A site where Claimmark never runs is not asked either.
  if (isBlocked(tab.url, (await loadSettings(browser.storage.local)).blockedSites)) return false;
  const [frame] = await browser.scripting
    .executeScript({ target: { tabId: tab.id }, func: () => document.contentType })
    .catch(() => []);
  return frame?.result === PDF_CONTENT_TYPE;
}

export async function annotatePdf(tab: TabInfo): Promise<void> {
  await browser.tabs.update(tab.id, { url: browser.runtime.getURL(viewerPath(tab.url)) });
}

/** The PDF a viewer tab shows (its `file`), or null when the tab is no viewer of ours. */
export function viewerFile(tabUrl: string): string | null {
  const viewer = browser.runtime.getURL('/pdf.html');
  if (!tabUrl.startsWith(viewer)) return null;
  const url = new URL(tabUrl);
  return parseViewerTarget(url.search, url.hash).file;
}

/** The claims of the PDF a viewer tab shows, in page order, as a content script would list them. */
export async function viewerClaims(
  db: ClaimmarkDB,
  file: string,
): Promise<{ url: string; claims: ClaimSummary[] } | null> {
  const page = await findPage(db, [normalizeUrl(file)]);
  if (!page) return null;
  const annotations = await db.annotations.where('url').equals(page.url).toArray();
  const claims = annotations
    .map((a) => ({
      id: a.id,
      quote: a.quote,
      type: a.type,
      tags: a.tags,
      note: a.note,
      status: a.anchor?.status ?? ('exact' as const),
      start: positionSelectorOf(a)?.start ?? (a.pdfPage?.index ?? 0) * 1e9,
    }))
    .sort((x, y) => x.start - y.start);
  return { url: page.url, claims };
}
