/**
 * Messages that extension pages and the background send *to* a content script (the other
 * direction of utils/protocol/to-background.ts). Pure: types and validation only. The content script answers
 * every one with a `Result`.
 */
import type { AnchorStatus, ClaimType } from '../core/model';
import { isClaimType } from '../core/model';
import type { Result } from './to-background';

export interface ClaimSummary {
  id: string;
  quote: string;
  type: ClaimType;
  tags: string[];
  note: string;
  status: AnchorStatus | 'pending';
  /** Where it is painted in the page's text model (document order); absent for orphans. */
  start?: number;
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
  /** Find the claims in the article (Readability + the detector; only when asked). */
  'content:suggest': { request: Empty; response: { suggestions: SuggestionSummary[] } };
  /** Save one suggestion as a claim: found in the page by its words and sentence, then painted. */
  'content:save-suggestion': {
    request: { text: string; sentence: string; type: ClaimType };
    response: { id: string };
  };
}

export type ContentMessageType = keyof ContentProtocol;
export type ContentRequest<K extends ContentMessageType> = ContentProtocol[K]['request'];
export type ContentResponse<K extends ContentMessageType> = ContentProtocol[K]['response'];
export type ContentMessage = {
  [K in ContentMessageType]: { type: K; payload: ContentRequest<K> };
}[ContentMessageType];

const EMPTY_TYPES: readonly string[] = [
  'content:location-changed',
  'content:claims',
  'content:save-selection',
  'content:reload',
  'content:suggest',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseContentMessage(message: unknown): Result<ContentMessage> {
  if (typeof message !== 'object' || message === null)
    return { ok: false, error: 'unknown message' };
  const { type, payload } = message as { type?: unknown; payload?: unknown };
  if (typeof type === 'string' && EMPTY_TYPES.includes(type)) {
    return { ok: true, value: { type, payload: {} } as ContentMessage };
  }
  if (type === 'content:save-suggestion') {
    const p = (payload ?? {}) as Record<string, unknown>;
    const ok = (v: unknown, max: number) =>
      typeof v === 'string' && v.length > 0 && v.length <= max;
    if (!ok(p.text, 10_000) || !ok(p.sentence, 20_000) || !isClaimType(p.type)) {
      return { ok: false, error: 'a suggestion needs its text, sentence and a claim type' };
    }
    return {
      ok: true,
      value: {
        type,
        payload: { text: p.text as string, sentence: p.sentence as string, type: p.type },
      },
    };
  }
  if (type === 'content:scroll-to') {
    const id = (payload as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string' || !UUID.test(id)) return { ok: false, error: 'id must be a UUID' };
    return { ok: true, value: { type, payload: { id } } };
  }
  return { ok: false, error: 'unknown message' };
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
