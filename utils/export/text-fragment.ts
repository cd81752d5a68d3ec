/**
 * Deep links to a claim: the page URL with a text fragment (`#:~:text=`) that makes the browser
 * scroll to and highlight the quote. Pure.
 *
 * Syntax (WICG Scroll To Text Fragment, https://wicg.github.io/scroll-to-text-fragment/):
 * `#:~:text=[prefix-,]textStart[,textEnd][,-suffix]`. Each term is percent-encoded: `-`, `,` and
 * `&` always (they delimit the directive), and here everything but ASCII letters, digits and
 * `_ . ~` too, so the link survives Markdown, CSV and chat apps unchanged.
 *
 * How the browser matches, and what that asks of the terms we write:
 * - a term only matches text within one block element, so a quote across paragraphs is written
 *   as `textStart,textEnd` (first words of its first line, last words of its last line), and so
 *   is a long quote (over 300 characters, as Chromium's own link generator does);
 * - `textStart` alone must start and end on word boundaries, `prefix` must start on one and
 *   `suffix` end on one: the stored context (~32 characters either side of the quote) usually
 *   starts or ends mid-word, so its outer partial word is dropped; the context is also cut at a
 *   sentence end, since the next sentence is often another block (a heading, a new paragraph);
 * - matching ignores case and accents and collapses whitespace: terms are collapsed too;
 * - `textEnd` matches its first occurrence after `textStart`, so it is grown word by word until
 *   its first occurrence in the quote is the end of the quote.
 */
import type { Annotation } from '../core/model';
import { collapseWhitespace, quoteSelectorOf } from '../core/model';
import { wellFormed } from './text';

/** Longest quote written whole; longer ones become `textStart,textEnd` (as in Chromium). */
export const MAX_EXACT_TERM = 300;
/** Words of context kept on each side at most. */
const CONTEXT_WORDS = 3;
/** A range term takes at least this many words and characters (when the quote has them)… */
const RANGE_TERM_WORDS = 3;
const RANGE_TERM_CHARS = 20;
/** …and at most this many words (textEnd may grow to this to be unambiguous). */
const RANGE_TERM_MAX_WORDS = 12;

export interface TextDirective {
  prefix?: string;
  start: string;
  end?: string;
  suffix?: string;
}

/** Percent-encode one term of a text directive. */
export function encodeTextDirectiveTerm(term: string): string {
  return encodeURIComponent(wellFormed(term)).replace(
    /[-!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `text=…` for a directive (without `#:~:`). */
export function formatTextDirective(directive: TextDirective): string {
  const terms = [
    directive.prefix ? `${encodeTextDirectiveTerm(directive.prefix)}-` : '',
    encodeTextDirectiveTerm(directive.start),
    directive.end ? encodeTextDirectiveTerm(directive.end) : '',
    directive.suffix ? `-${encodeTextDirectiveTerm(directive.suffix)}` : '',
  ];
  return `text=${terms.filter(Boolean).join(',')}`;
}

/** The text directive for a claim, or null when it has no text to point at. */
export function textDirectiveOf(
  annotation: Pick<Annotation, 'quote' | 'selectors'>,
): TextDirective | null {
  const selector = quoteSelectorOf(annotation);
  const text = collapseWhitespace(annotation.quote || selector?.exact || '');
  if (!text) return null;
  const raw = selector?.exact ?? annotation.quote;
  const lines = /[\r\n]/.test(raw)
    ? raw
        .split(/\r\n|\r|\n/)
        .map(collapseWhitespace)
        .filter(Boolean)
    : [text];
  const directive: TextDirective = { start: text };
  const words = text.split(' ');
  if ((text.length > MAX_EXACT_TERM || lines.length > 1) && words.length >= 2) {
    const range = rangeTerms(words, lines.length > 1 ? lines : [text]);
    if (range) Object.assign(directive, range);
  }
  const prefix = contextBefore(selector?.prefix ?? '');
  const suffix = contextAfter(selector?.suffix ?? '');
  if (prefix) directive.prefix = prefix;
  if (suffix) directive.suffix = suffix;
  return directive;
}

/**
 * The directives of a claim's deep link: with context first, then — when context was used — the
 * quote alone. The browser scrolls to the first directive that matches (and highlights every
 * match), so when the stored context does not match the page as the browser reads it (it crossed
 * a block boundary the stored text cannot show), the link still lands on the quote's first
 * occurrence instead of nowhere.
 */
export function textDirectivesOf(
  annotation: Pick<Annotation, 'quote' | 'selectors'>,
): TextDirective[] {
  const directive = textDirectiveOf(annotation);
  if (!directive) return [];
  if (!directive.prefix && !directive.suffix) return [directive];
  const bare: TextDirective = { start: directive.start };
  if (directive.end) bare.end = directive.end;
  return [directive, bare];
}

/**
 * The claim's page URL with a text fragment pointing at it; null for pages that are not http(s)
 * or a claim without text. An existing fragment (an SPA route like `#/story/1`) is kept: the
 * fragment directive follows it (`#/story/1:~:text=…`).
 */
export function deepLink(
  url: string,
  annotation: Pick<Annotation, 'quote' | 'selectors'>,
): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  const directives = textDirectivesOf(annotation);
  if (directives.length === 0) return null;
  const base = wellFormed(url).replace(/[\s<>\\"]/g, encodeURIComponent);
  const fragment = directives.map(formatTextDirective).join('&');
  return `${base}${base.includes('#') ? '' : '#'}:~:${fragment}`;
}

function rangeTerms(words: string[], lines: string[]): { start: string; end: string } | null {
  const firstLine = lines[0]!.split(' ');
  const lastLine = lines[lines.length - 1]!.split(' ');
  const startCount = termLength(firstLine);
  let endCount = termLength([...lastLine].reverse());
  // The end grows until its first occurrence after the start term is the end of the quote.
  const rest = fold(words.slice(startCount).join(' '));
  const maxEnd = Math.min(lastLine.length, RANGE_TERM_MAX_WORDS, words.length - startCount);
  while (endCount < maxEnd) {
    const end = fold(lastLine.slice(-endCount).join(' '));
    if (firstWordStart(rest, end) === rest.length - end.length) break;
    endCount++;
  }
  if (startCount + endCount > words.length || endCount < 1) return null;
  return {
    start: firstLine.slice(0, startCount).join(' '),
    end: lastLine.slice(-endCount).join(' '),
  };
}

/** How many of `words` make a term: at least RANGE_TERM_WORDS words and RANGE_TERM_CHARS. */
function termLength(words: string[]): number {
  let count = 0;
  let chars = 0;
  while (
    count < words.length &&
    count < RANGE_TERM_MAX_WORDS &&
    (count < RANGE_TERM_WORDS || chars < RANGE_TERM_CHARS)
  ) {
    chars += words[count]!.length + (count > 0 ? 1 : 0);
    count++;
  }
  return count;
}

/** Index of the first occurrence of `term` in `text` that starts a word (-1 if none). */
function firstWordStart(text: string, term: string): number {
  let at = text.indexOf(term);
  while (at > 0 && text[at - 1] !== ' ') at = text.indexOf(term, at + 1);
  return at;
}

/** Case- and accent-insensitive form, as the browser compares (UTS #10 primary level, roughly). */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The last sentence end (what follows is often another block: a heading, a paragraph). */
const LAST_SENTENCE_END = /^.*[.!?…]["'”’)\]]*(?:\s|$)/s;
/** The first sentence end. */
const FIRST_SENTENCE_END = /[.!?…]["'”’)\]]*(?:\s|$)/;
/** Quotation marks and separators: a pull quote or a blockquote often starts or ends there. */
const BREAK_CHARS = /["“”„‟«»‹›「」『』•|]/;
const LAST_BREAK = /^.*["“”„‟«»‹›「」『』•|]/s;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Words of the stored prefix that can lead the quote: complete words, same sentence. */
function contextBefore(prefix: string): string {
  let text = prefix.replace(/\s+/g, ' ');
  const cut = Math.max(
    LAST_SENTENCE_END.exec(text)?.[0].length ?? -1,
    LAST_BREAK.exec(text)?.[0].length ?? -1,
  );
  let complete = text.startsWith(' ');
  if (cut >= 0) {
    text = text.slice(cut);
    complete = true;
  }
  const words = text.trim().split(' ').filter(Boolean);
  if (!complete) words.shift(); // may be the tail of a word cut by the context window
  const kept = words.slice(-CONTEXT_WORDS).join(' ');
  return HAS_WORD.test(kept) ? kept : '';
}

/** Words of the stored suffix that can follow the quote: complete words, same sentence. */
function contextAfter(suffix: string): string {
  let text = suffix.replace(/\s+/g, ' ');
  let complete = text.endsWith(' ');
  const end = FIRST_SENTENCE_END.exec(text);
  const quote = BREAK_CHARS.exec(text);
  const cut = Math.min(end ? end.index + end[0].length : Infinity, quote ? quote.index : Infinity);
  if (cut !== Infinity) {
    text = text.slice(0, cut);
    complete = true;
  }
  const words = text.trim().split(' ').filter(Boolean);
  if (!complete) words.pop();
  const kept = words.slice(0, CONTEXT_WORDS).join(' ');
  return HAS_WORD.test(kept) ? kept : '';
}
