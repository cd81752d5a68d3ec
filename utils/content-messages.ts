/**
 * Messages that extension pages and the background send *to* a content script (the other
 * direction of utils/messages.ts). Pure: validation and types only.
 */
import type { AnchorStatus, ClaimType } from './model';
import type { Result } from './messages';

export interface ClaimSummary {
  id: string;
  quote: string;
  type: ClaimType;
  status: AnchorStatus | 'pending';
}

export interface ContentProtocol {
  /** The tab's URL changed without a page load (history.pushState): re-check the page. */
  'content:location-changed': { request: Record<string, never>; response: { url: string } };
  /** The page's claims and how each anchored (for the popup's "not found on this page"). */
  'content:claims': {
    request: Record<string, never>;
    response: { url: string; claims: ClaimSummary[] };
  };
}

export type ContentMessageType = keyof ContentProtocol;
export type ContentResponse<K extends ContentMessageType> = ContentProtocol[K]['response'];

const TYPES: readonly string[] = ['content:location-changed', 'content:claims'];

export function parseContentMessage(message: unknown): Result<{ type: ContentMessageType }> {
  const type =
    typeof message === 'object' && message !== null
      ? (message as { type?: unknown }).type
      : undefined;
  if (typeof type !== 'string' || !TYPES.includes(type))
    return { ok: false, error: 'unknown message' };
  return { ok: true, value: { type: type as ContentMessageType } };
}
