/**
 * Claims arrived from the server: the open tabs showing those pages load and paint them again
 * (`content:reload`). The tabs API is passed in (the background's `browser.tabs`).
 */
import { normalizeUrl } from '../../core/url';
import { findPage, type ClaimmarkDB } from '../db';
import { createTabClient, type ContentMessage } from '../../protocol/to-content';

export interface TabsLike {
  query(query: Record<string, unknown>): Promise<{ id?: number; url?: string }[]>;
  sendMessage(tabId: number, message: ContentMessage): Promise<unknown>;
}

export async function repaintTabs(
  db: ClaimmarkDB,
  tabs: TabsLike,
  urls: readonly string[],
): Promise<number> {
  const changed = new Set(urls);
  const send = createTabClient((tabId, message) => tabs.sendMessage(tabId, message));
  let told = 0;
  for (const tab of await tabs.query({ url: ['http://*/*', 'https://*/*'] })) {
    if (tab.id === undefined || !tab.url) continue;
    const url = normalizeUrl(tab.url);
    const page = changed.has(url) ? undefined : await findPage(db, [url]);
    if (!changed.has(url) && !(page && changed.has(page.url))) continue;
    told++;
    // A tab without a content script (opened before the extension) answers { ok: false }.
    await send(tab.id, 'content:reload', {});
  }
  return told;
}
