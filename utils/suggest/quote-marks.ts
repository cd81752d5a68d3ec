/**
 * Quotations in a paragraph by their marks: curly “…”, low „…“, guillemets «…» and ‹…›, straight
 * "…" and curly single ‘…’ (told apart from apostrophes by what stands around them). A quotation
 * that opens a paragraph and is not closed there runs to the paragraph's end (newspapers close a
 * quote only in its last paragraph).
 */
import type { Span } from './text';

export interface QuoteMarks {
  /** From the opening mark to just after the closing one (or the paragraph's end). */
  outer: Span;
  /** The quoted words: inside the marks, without surrounding spaces or a trailing comma. */
  inner: Span;
}

const PAIRS: Record<string, string> = { '“': '”', '„': '“', '«': '»', '‹': '›' };
const WORD = /[\p{L}\p{N}]/u;

export function findQuoteMarks(text: string): QuoteMarks[] {
  const out: QuoteMarks[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    let close = -1;
    if (PAIRS[c]) {
      close = text.indexOf(PAIRS[c], i + 1);
      if (close < 0 && i === 0) close = text.length;
    } else if (c === '"' || c === '‘') {
      if (!opens(text, i)) continue;
      close = closing(text, i + 1, c === '"' ? '"' : '’');
    } else continue;
    if (close < 0) continue;
    const outerEnd = Math.min(text.length, close + 1);
    const inner = innerSpan(text, i + 1, Math.min(close, text.length));
    if (inner.end > inner.start) out.push({ outer: { start: i, end: outerEnd }, inner });
    i = outerEnd - 1;
  }
  return out;
}

/** A straight or single quote opens when it follows a space/bracket/dash and precedes a word. */
function opens(text: string, i: number): boolean {
  const before = i === 0 ? ' ' : text[i - 1]!;
  const after = text[i + 1] ?? ' ';
  return /[\s([{—–\-:“]/.test(before) && !/\s/.test(after) && (text[i] === '"' || WORD.test(after));
}

/** A closing mark follows a non-space and is not followed by a letter (that is an apostrophe). */
function closing(text: string, from: number, mark: string): number {
  for (let j = text.indexOf(mark, from); j >= 0; j = text.indexOf(mark, j + 1)) {
    if (!/\s/.test(text[j - 1] ?? ' ') && !WORD.test(text[j + 1] ?? ' ')) return j;
  }
  return -1;
}

function innerSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,]/.test(text[end - 1]!)) end--;
  return { start, end };
}
