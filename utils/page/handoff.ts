/**
 * The hand-off between the two halves of Claimmark's content script. The always-on script
 * (entrypoints/page-start) is tiny: it asks the background whether the page has claims (one
 * `page:load` message, whose answer carries the settings) and watches for the reader's own selection; the page UI
 * (entrypoints/page-ui: session, anchoring, painting, toolbar and card, Readability,
 * suggestions) is injected by the background only when the page has claims or the reader starts a
 * capture. Both run in the extension's isolated world of the same frame, so they meet on one
 * property of its global object, which the page's own scripts cannot see (Chromium's isolated
 * world, Firefox's content-script sandbox). Types only, plus the property's name.
 */
import type { Result } from '../protocol/to-background';
import { HANDOFF_KEY, type PageLoadResult } from '../protocol/load-ui';
import type { PageUrls } from '../core/url';

export { HANDOFF_KEY, TRIGGER_KEY, type PageLoadResult } from '../protocol/load-ui';

/** What the page UI can do for the always-on script once it runs. */
export interface PageUi {
  /** A trusted mouseup/keyup ended a selection before the UI was loaded: open the toolbar. */
  selectionEnded(event: Event): void;
  /** Answer a message sent to the content script before the UI was loaded (not parsed yet). */
  handle(message: unknown): Promise<Result<unknown>>;
}

/** Left on the isolated world's global object by the always-on script for the page UI. */
export interface Handoff {
  /**
   * The stored settings, from the `page:load` answer (untrusted: the page UI parses them). Set
   * before the page UI is injected: the always-on script asks for it only once answered.
   */
  settings: unknown;
  /** The answer to the page's `page:load` (the current URL's, after SPA navigation). */
  loaded: Promise<PageLoadResult>;
  /**
   * The page's key and aliases `loaded` answers for, set with it: the painter starts from them
   * rather than reading the document's address and canonical link again.
   */
  urls?: PageUrls;
  /** Called once by the page UI when it has started (its own listeners are registered). */
  started(ui: PageUi): void;
  /** Set by `started`: from then on the page UI answers everything itself. */
  ui?: PageUi;
  /**
   * The injection of the painter and the page UI together (`ui:load` with `part: 'both'`, for a
   * capture), the last one asked: null once both ran, else why not. The painter waits for it rather
   * than asking for the page UI a second time.
   */
  injecting?: Promise<string | null>;
  /**
   * Left by the background with its own `page:load` answer (`seedPainter`, utils/protocol/load-ui.ts):
   * no awake part ran, nothing listens for messages yet.
   */
  seeded?: true;
}

export function handoffOf(global: object): Handoff | undefined {
  return (global as Record<string, Handoff | undefined>)[HANDOFF_KEY];
}
