/**
 * Messages that extension pages and the background send *to* a tab's content script: the other
 * direction of to-background.ts, typed the same way (rpc.ts): `ContentProtocol`, its validators
 * (`CONTENT_VALIDATORS`) and a typed client per tab (`createTabClient`). The content script
 * answers with utils/page/handlers.ts. Pure: the caller passes `browser.tabs.sendMessage` in.
 */
import type { AnchorStatus, ClaimType } from '../core/model';
import { isClaimType } from '../core/model';
import { readString, readUuid, ValidationError } from '../core/validate';
import { createClient, parseMessage, type MessageIn, type Result, type Validators } from './rpc';

export interface ClaimSummary {
  id: string;
  quote: string;
  type: ClaimType;
  tags: string[];
  note: string;
  status: AnchorStatus | 'pending';
  /** Where it is painted in the page's text model (document order); absent for orphans. */
  start?: number;
  /** It has only its quote, which the page holds more than once: painted at the first. */
  placedByQuote?: boolean;
}

type Empty = Record<string, never>;

/** A claim Claimmark proposes on the page (utils/suggest), ready to be saved with one click. */
export interface SuggestionSummary {
  /** Stable for the same words in the same sentence: used to dismiss it. */
  id: string;
  kind: 'money' | 'percent' | 'quantity' | 'date' | 'quote' | 'org' | 'person';
  /** The claim type it is saved as. */
  type: ClaimType;
  text: string;
  speaker?: string;
  sentence: string;
}

export interface ContentProtocol {
  /** The tab's URL changed without a page load (history.pushState): re-check the page. */
  'content:location-changed': { request: Empty; response: { url: string } };
  /** The page's claims in document order, orphans last, and how each anchored. */
  'content:claims': { request: Empty; response: { url: string; claims: ClaimSummary[] } };
  /** Scroll the claim into view and flash it. */
  'content:scroll-to': { request: { id: string }; response: { found: boolean } };
  /** Save the current selection with the type it suggests (keyboard command, context menu). */
  'content:save-selection': { request: Empty; response: { id: string } };
  /** Claims changed elsewhere (side panel, popup): load and paint them again. */
  'content:reload': { request: Empty; response: { count: number } };
  /**
   * Let the reader select new words for a claim in the page (the side panel's and popup's
   * "Re-attach" for a claim not found on it); the page stores them through the background.
   */
  'content:reattach': { request: { id: string }; response: { started: boolean } };
  /** Find the claims in the article (Readability + the detector; only when asked). */
  'content:suggest': { request: Empty; response: { suggestions: SuggestionSummary[] } };
  /** Save one suggestion as a claim: found in the page by its words and sentence, then painted. */
  'content:save-suggestion': {
    request: { text: string; sentence: string; type: ClaimType };
    response: { id: string };
  };
  /**
   * The reader's settings changed (hide highlights, default type…): the background sends them to
   * every tab (a page parses them with `parseSettings`: a message is data), so that a content script follows
   * them without listening to `storage` itself.
   */
  'content:settings': { request: { settings: unknown }; response: Empty };
}

export type ContentMessageType = keyof ContentProtocol;
export type ContentRequest<K extends ContentMessageType> = ContentProtocol[K]['request'];
export type ContentResponse<K extends ContentMessageType> = ContentProtocol[K]['response'];
export type ContentMessage = MessageIn<ContentProtocol>;

/** Longest suggestion text and sentence a page may be asked to find. */
export const CONTENT_LIMITS = { text: 10_000, sentence: 20_000 } as const;

const empty = () => ({});

/** The content script's validators: every payload is checked by these before a handler sees it. */
export const CONTENT_VALIDATORS: Validators<ContentProtocol> = {
  'content:location-changed': empty,
  'content:claims': empty,
  'content:scroll-to': (p) => ({ id: readUuid(p, 'id') }),
  'content:reattach': (p) => ({ id: readUuid(p, 'id') }),
  'content:save-selection': empty,
  'content:reload': empty,
  'content:suggest': empty,
  'content:settings': (p) => ({ settings: p.settings }),
  'content:save-suggestion': (p) => {
    if (!isClaimType(p.type)) throw new ValidationError('type must be a claim type');
    return {
      text: readString(p, 'text', CONTENT_LIMITS.text),
      sentence: readString(p, 'sentence', CONTENT_LIMITS.sentence),
      type: p.type,
    };
  },
};

/** Validate an untrusted message to a content script: the typed message, or why not. */
export function parseContentMessage(message: unknown): Result<ContentMessage> {
  return parseMessage(CONTENT_VALIDATORS, message);
}

/** A typed message to a tab's content script; a tab without one answers `{ ok: false }`. */
export type TabClient = <K extends ContentMessageType>(
  tabId: number,
  type: K,
  payload: ContentRequest<K>,
) => Promise<Result<ContentResponse<K>>>;

/**
 * The one client of this direction, over a transport such as `browser.tabs.sendMessage`. No
 * retries: a tab without a content script (a browser page, a blocked site, not loaded yet)
 * answers at once with `{ ok: false }`, and the caller decides when to ask again.
 */
export function createTabClient(
  send: (tabId: number, message: ContentMessage) => Promise<unknown>,
): TabClient {
  return (tabId, type, payload) =>
    createClient<ContentProtocol>((message) => send(tabId, message), {
      delays: [],
      sleep: async () => {},
      silence: 'The page did not answer.',
    })(type, payload);
}

/**
 * A content message for Claimmark's PDF viewer in a tab. A viewer is an extension page, which
 * `tabs.sendMessage` does not reach: the side panel and the popup send it over
 * `runtime.sendMessage` in this envelope; the viewer of that tab answers, the background ignores it.
 */
export interface ViewerRelay {
  to: 'pdf-viewer';
  tabId: number;
  message: unknown;
}

export function viewerRelay(tabId: number, message: unknown): ViewerRelay {
  return { to: 'pdf-viewer', tabId, message };
}

export function isViewerRelay(value: unknown): value is ViewerRelay {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return r.to === 'pdf-viewer' && typeof r.tabId === 'number';
}
