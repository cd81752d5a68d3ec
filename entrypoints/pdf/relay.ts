/**
 * The viewer answers what the side panel and the popup ask a tab's content script
 * (utils/protocol/to-content.ts), relayed to it over `runtime.sendMessage` (`ViewerRelay`): the
 * PDF's claims in page order, scrolling to one, reloading them, suggestions found in the
 * PDF's text, saved where the words stand (the page is scrolled to and rendered first), and
 * re-attaching a claim not found to words the reader selects (the viewer's pick bar).
 */
import { browser } from 'wxt/browser';
import type { ClaimType } from '../../utils/core/model';
import { anchor } from '../../utils/page/anchoring/anchor';
import { createQuoteMatcher } from '../../utils/page/anchoring/match-quote';
import { createContentHandlers } from '../../utils/page/handlers';
import { revealMarks } from '../../utils/page/flash';
import {
  CONTENT_VALIDATORS,
  isViewerRelay,
  parseContentMessage,
} from '../../utils/protocol/to-content';
import { serveMessage } from '../../utils/protocol/rpc';
import { pageAt, pdfArticle } from '../../utils/pdf/text';
import { suggestClaims } from '../../utils/suggest';
import { selectorFor, summarize } from '../../utils/suggest/summary';
import type { OpenPdf } from './open';

export interface RelayDeps {
  current: () => OpenPdf | undefined;
  selection: () => Promise<{ range: Range; type: ClaimType } | null>;
  /** Let the reader select new words for a claim; false when it is not in this PDF. */
  pick: (id: string) => boolean;
}

export async function listenForRelays(deps: RelayDeps): Promise<void> {
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  if (tab?.id === undefined) return;
  const tabId = tab.id;
  let selection: { range: Range; type: ClaimType } | null = null;
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id) return false;
    // Relayed for this tab, or sent to the tab with tabs.sendMessage (which reaches a tab's
    // extension page in some browsers).
    const relayed = isViewerRelay(message);
    if (relayed && message.tabId !== tabId) return false;
    const content = relayed ? message.message : message;
    if (!relayed && !parseContentMessage(content).ok) return false;
    const open = deps.current();
    if (!open) {
      sendResponse({ ok: false, error: 'No PDF is open.' });
      return false;
    }
    void (async () => {
      selection = await deps.selection();
      const handlers = handlersFor(open, () => selection, deps.pick);
      sendResponse(await serveMessage(CONTENT_VALIDATORS, handlers, content));
    })();
    return true;
  });
}

function handlersFor(
  open: OpenPdf,
  selection: () => { range: Range; type: ClaimType } | null,
  pick: (id: string) => boolean,
) {
  const { session, text, viewer } = open;
  return createContentHandlers({
    session: {
      ...session,
      marks: (id) => {
        const claim = session.get(id);
        if (claim && claim.page >= 0 && session.marks(id).length === 0) {
          viewer.scrollToPage(claim.page);
          void viewer.whenRendered(claim.page).then(() => revealMarks(session.marks(id)));
          return [viewer.pageElement(claim.page)]; // scrolled to now, the claim once painted
        }
        return session.marks(id);
      },
    },
    onLocation: () => undefined,
    pick,
    selectionType: selection,
    reload: () => session.load(),
    suggest: async () => summarize(suggestClaims(pdfArticle(await text.all()))),
    async locate(words, sentence) {
      const selector = selectorFor(words, sentence);
      const { text: all, starts } = await text.document();
      const found = createQuoteMatcher(all)(selector.exact, {
        prefix: selector.prefix,
        suffix: selector.suffix,
      });
      if (!found) return null;
      const page = pageAt(starts, found.start);
      if (!viewer.textLayer(page)) {
        viewer.scrollToPage(page);
        await viewer.whenRendered(page);
      }
      const layer = viewer.textLayer(page);
      return layer ? (anchor(layer, [selector])?.range ?? null) : null;
    },
  });
}
