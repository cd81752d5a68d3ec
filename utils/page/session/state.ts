/**
 * The state one page session shares between its parts: the page (URLs, whether it is stored, its
 * title), the claims, the marks painted for each, whether highlights show, and the DOM watcher.
 * It is one plain object created per session and passed to each part explicitly; the helpers
 * here read and change it (`intact`, `unpaint`) or run a DOM change without waking our own
 * watcher (`run`). DOM code: the document is part of the state, never a global.
 */
import { removeHighlight } from '../highlight';
import { pageUrlsOf } from '../page-url';
import type { PageUrls } from '../../core/url';
import type { DomWatcher } from '../watch-dom';
import type { ClaimState } from './types';

export interface SessionState {
  readonly doc: Document;
  /** The document's URL and its aliases, as last loaded. */
  urls: PageUrls;
  /** The URL claims are stored under (the stored page's, once known). */
  pageUrl: string;
  /** The background has a page record: a save sends no metadata. */
  pageKnown: boolean;
  pageTitle: string;
  visible: boolean;
  claims: Map<string, ClaimState>;
  /** The marks painted for each claim: a claim whose marks left the document is repainted. */
  readonly painted: Map<string, HTMLElement[]>;
  watcher: DomWatcher | undefined;
}

/** `urls`: the page's key and aliases when the caller has them, else read from `doc`. */
export function createSessionState(doc: Document, known?: PageUrls): SessionState {
  const urls = known ?? pageUrlsOf(doc);
  return {
    doc,
    urls,
    pageUrl: urls.url,
    pageKnown: false,
    pageTitle: '',
    visible: true,
    claims: new Map(),
    painted: new Map(),
    watcher: undefined,
  };
}

/** Whether every mark painted for the claim is still in the document. */
export function intact(state: SessionState, id: string): boolean {
  return state.painted.get(id)?.every((mark) => mark.isConnected) ?? false;
}

/** Make a DOM change our own watcher does not react to. */
export function run<T>(state: SessionState, change: () => T): T {
  return state.watcher ? state.watcher.quiet(change) : change();
}

export function unpaint(state: SessionState, id: string): void {
  if (!state.painted.has(id)) return;
  removeHighlight(state.doc.body, id);
  state.painted.delete(id);
}
