/**
 * From detector output (utils/suggest) to what the side panel shows and saves: the claim type a
 * suggestion is saved as, a stable id, and the selector that finds its words in the live page.
 * Pure.
 */
import type { SuggestionSummary } from '../protocol/to-content';
import type { ClaimType, TextQuoteSelector } from '../core/model';
import type { Suggestion } from './types';

const TYPE_OF: Record<Suggestion['type'], ClaimType> = {
  money: 'figure',
  percent: 'figure',
  quantity: 'figure',
  date: 'date',
  quote: 'quote',
  org: 'claim',
  person: 'claim',
};

export function summarize(suggestions: readonly Suggestion[]): SuggestionSummary[] {
  return suggestions.map((s) => ({
    id: `${s.type}|${s.text}|${s.sentence}`.slice(0, 300),
    kind: s.type,
    type: TYPE_OF[s.type],
    text: s.text,
    ...(s.speaker ? { speaker: s.speaker } : {}),
    sentence: s.sentence,
  }));
}

/** A quote selector for `text` with its sentence as context, to anchor in the live page. */
export function selectorFor(text: string, sentence: string): TextQuoteSelector {
  const at = sentence.indexOf(text);
  if (at < 0) return { type: 'TextQuoteSelector', exact: text, prefix: '', suffix: '' };
  return {
    type: 'TextQuoteSelector',
    exact: text,
    prefix: sentence.slice(Math.max(0, at - 32), at),
    suffix: sentence.slice(at + text.length, at + text.length + 32),
  };
}

export const DISMISSED_KEY = 'dismissedSuggestions';
const MAX_PAGES = 500;

/** Dismissed suggestion ids per page URL, newest pages kept (stored in storage.local). */
export function withDismissed(stored: unknown, url: string, id: string): Record<string, string[]> {
  const all: Record<string, string[]> =
    typeof stored === 'object' && stored !== null
      ? { ...(stored as Record<string, string[]>) }
      : {};
  const ids = Array.isArray(all[url]) ? all[url].filter((x) => typeof x === 'string') : [];
  delete all[url];
  const entries = Object.entries(all).slice(-(MAX_PAGES - 1));
  return Object.fromEntries([...entries, [url, [...new Set([...ids, id])].slice(-1000)]]);
}

export function dismissedFor(stored: unknown, url: string): string[] {
  const ids =
    typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>)[url] : [];
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}
