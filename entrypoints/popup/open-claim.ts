/**
 * Opening a result: the tab that shows its page is brought forward and asked to scroll to the
 * claim (`content:scroll-to`); without such a tab, a new one opens at a text fragment link
 * (`#:~:text=…`) that makes the browser scroll to the quote while the claim is painted. (A text
 * fragment does not scroll a page that is already open: Chromium ignores it on same-document
 * navigations, hence the message.)
 */
import { browser } from 'wxt/browser';
import { sendToTab } from '../../utils/app/send-to-tab';
import { deepLink } from '../../utils/export/text-fragment';
import type { Annotation } from '../../utils/core/model';

export async function openClaim(annotation: Annotation): Promise<void> {
  // Match patterns ignore the fragment; a URL that is no valid match pattern finds no tab.
  const tabs = await browser.tabs.query({ url: annotation.url }).catch(() => []);
  const tab = tabs.find((t) => t.id !== undefined);
  if (tab?.id !== undefined) {
    await browser.tabs.update(tab.id, { active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    await sendToTab(tab.id, 'content:scroll-to', { id: annotation.id });
  } else {
    await browser.tabs.create({ url: deepLink(annotation.url, annotation) ?? annotation.url });
  }
}
