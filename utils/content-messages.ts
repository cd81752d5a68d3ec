/**
 * Messages that extension pages and the background send *to* a content script (the other
 * direction of utils/messages.ts). Pure: types and validation only. The content script answers
 * every one with a `Result`.
 */
import type { AnchorStatus, ClaimType } from './model';
import type { Result } from './messages';

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
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseContentMessage(message: unknown): Result<ContentMessage> {
  if (typeof message !== 'object' || message === null)
    return { ok: false, error: 'unknown message' };
  const { type, payload } = message as { type?: unknown; payload?: unknown };
  if (typeof type === 'string' && EMPTY_TYPES.includes(type)) {
    return { ok: true, value: { type, payload: {} } as ContentMessage };
  }
  if (type === 'content:scroll-to') {
    const id = (payload as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string' || !UUID.test(id)) return { ok: false, error: 'id must be a UUID' };
    return { ok: true, value: { type, payload: { id } } };
  }
  return { ok: false, error: 'unknown message' };
}
