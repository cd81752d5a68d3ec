import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { parseContentMessage, type ContentResponse } from '../../utils/content-messages';
import { createClient, type Message } from '../../utils/messages';
import { extractMetadata } from '../../utils/extract';
import { createPageSession } from '../../utils/page-session';
import { selectedRange } from '../../utils/selection';
import { uuidV4 } from '../../utils/uuid';
import { createToolbarController } from './toolbar';

export default defineContentScript({
  matches: ['<all_urls>'],
  main() {
    const request = createClient((message: Message) => browser.runtime.sendMessage(message));
    const session = createPageSession({
      doc: document,
      request,
      extractMetadata,
      newId: () => uuidV4((bytes) => crypto.getRandomValues(bytes)),
    });
    // Cheap on a page without claims: one message, no Readability, no fuzzy search.
    // The marker tells tests (and curious readers) that claims are loaded and painted.
    const ready = (busy: Promise<unknown>) => {
      delete document.documentElement.dataset.claimmark;
      void busy.finally(() => {
        document.documentElement.dataset.claimmark = 'ready';
      });
    };
    ready(session.load());

    // SPA navigation: the background reports URL changes of this tab; popstate covers back/forward.
    let locationTimer: number | undefined;
    const onLocation = () => {
      window.clearTimeout(locationTimer);
      locationTimer = window.setTimeout(() => ready(session.locationChanged()), 150);
    };
    window.addEventListener('popstate', onLocation);

    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== browser.runtime.id) return false;
      const parsed = parseContentMessage(message);
      if (!parsed.ok) return false;
      if (parsed.value.type === 'content:location-changed') {
        onLocation();
        sendResponse({ ok: true, value: { url: session.url() } });
      } else {
        const value: ContentResponse<'content:claims'> = {
          url: session.url(),
          claims: session.claims().map(({ annotation, status }) => ({
            id: annotation.id,
            quote: annotation.quote,
            type: annotation.type,
            status,
          })),
        };
        sendResponse({ ok: true, value });
      }
      return false;
    });

    const toolbar = createToolbarController(document, async (range, draft) => {
      const result = await session.save(range, draft);
      return result.ok ? { ok: true } : result;
    });

    const onSelectionEnd = (event: Event) => {
      if (toolbar.contains(event.target, event.composedPath())) return;
      // Let the browser settle the selection (a click inside it collapses it after mouseup).
      setTimeout(() => {
        const range = selectedRange(document);
        if (range) toolbar.open(range);
      }, 0);
    };
    document.addEventListener('mouseup', onSelectionEnd);
    document.addEventListener('keyup', (event) => {
      if (event.key === 'Escape') toolbar.close();
      else if (event.shiftKey || event.key.startsWith('Arrow')) onSelectionEnd(event);
    });
    document.addEventListener('mousedown', (event) => {
      if (!toolbar.contains(event.target, event.composedPath())) toolbar.close();
    });
  },
});
