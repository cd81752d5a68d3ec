/**
 * The reader's selection in the PDF viewer as a claim's words: its quote, its selectors over
 * the document's text (utils/pdf/text.ts, as Hypothesis counts a PDF's text) and its page. Used
 * to save a new claim and to give a stored one new words (re-attach, adjust). DOM code: the
 * range and the PDF's text arrive as parameters.
 */
import type { Selector } from '../../core/model';
import { collapseWhitespace } from '../../core/model';
import { describe, prefixBefore, suffixAfter } from '../anchoring/describe';
import type { PdfText } from './document';
import { layerOf } from './text-layer';

export interface PdfExtent {
  /** The page (0-based) and its text layer. */
  index: number;
  layer: HTMLElement;
  quote: string;
  /** Where the words start in the page's text layer. */
  start: number;
  selectors: Selector[];
}

export async function pdfExtentOf(
  text: PdfText,
  range: Range,
): Promise<{ ok: true; value: PdfExtent } | { ok: false; error: string }> {
  const at = layerOf(range.startContainer);
  if (!at) return { ok: false, error: 'Select text on a page of the PDF.' };
  if (!at.layer.contains(range.endContainer)) {
    return { ok: false, error: 'A claim stays on one page: select text on one page at a time.' };
  }
  const local = describe(at.layer, range);
  const quote = local ? collapseWhitespace(local[0].exact) : '';
  if (!local || !quote) return { ok: false, error: 'The selection holds no text of the PDF.' };
  const { text: all, starts } = await text.document();
  const start = starts[at.index]! + local[1].start;
  const end = starts[at.index]! + local[1].end;
  const selectors: Selector[] =
    all.slice(start, end) === local[0].exact
      ? [
          {
            type: 'TextQuoteSelector',
            exact: local[0].exact,
            prefix: prefixBefore(all, start),
            suffix: suffixAfter(all, end),
          },
          { type: 'TextPositionSelector', start, end },
        ]
      : [local[0]]; // the layer's text differs from the page's: keep the quote alone
  return {
    ok: true,
    value: { index: at.index, layer: at.layer, quote, start: local[1].start, selectors },
  };
}
