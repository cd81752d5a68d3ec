/**
 * The text of a PDF, pure. A page's text is what its text layer holds in the text model
 * (utils/page/anchoring/text-model.ts): every text item's string in order, with a line break
 * after an item that ends a line (utils/page/pdf/text-layer.ts adds that break to the layer). The
 * document's text is the pages' texts joined by a line break; a claim's TextPositionSelector
 * counts in it, its `pdfPage` names the page.
 */

/** The part of a PDF.js text item Claimmark reads. */
export interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  type?: string;
}

export function pageTextOf(items: readonly TextItemLike[]): string {
  let text = '';
  for (const item of items) {
    if (item.str === undefined) continue; // marked content
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  return text;
}

export const PAGE_SEPARATOR = '\n';

/** Where each page starts in the document's text, given the pages' texts known so far. */
export function pageStarts(texts: readonly string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const text of texts) {
    starts.push(offset);
    offset += text.length + PAGE_SEPARATOR.length;
  }
  return starts;
}

export function documentText(texts: readonly string[]): string {
  return texts.join(PAGE_SEPARATOR);
}

/** The page holding document offset `offset` (the last page starting at or before it). */
export function pageAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The PDF's text as an article for the claim detector (utils/suggest): a paragraph per block of
 * lines (a blank line or a new page ends one), lines joined by a space, a word hyphenated at a
 * line's end joined again.
 */
export function pdfArticle(texts: readonly string[]): { paragraphs: string[] } {
  const paragraphs: string[] = [];
  for (const text of texts) {
    for (const block of text.split(/\n\s*\n/)) {
      const joined = block
        .replace(/(\p{L})-\n(\p{Ll})/gu, '$1$2')
        .replace(/\s+/g, ' ')
        .trim();
      if (joined) paragraphs.push(joined);
    }
  }
  return { paragraphs };
}
