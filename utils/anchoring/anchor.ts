/**
 * anchor(root, selectors) → where a stored claim stands on the page now, or null (an orphan).
 * DOM code: the root is a parameter.
 *
 * 1. The stored position, if the text there still is the quote (and, for a short quote, one side
 *    of its context is unchanged): 'exact'.
 * 2. Otherwise the quote is searched (match-quote.ts): occurrences that differ at most in
 *    whitespace, invisible characters and typographic quotes, disambiguated by context and
 *    position ('exact'), then approximate ones scored on quote, context and position, accepted
 *    only above a minimum score ('approximate'). No acceptable candidate: null, an orphan.
 */
import type { Selector, TextPositionSelector, TextQuoteSelector } from '../model';
import { prefixBefore, suffixAfter } from './describe';
import type { QuoteMatcher } from './match-quote';
import { createQuoteMatcher } from './match-quote';
import { SHORT_LENGTH } from './score';
import type { TextModel } from './text-model';
import { buildTextModel, rangeFromOffsets } from './text-model';

export interface Anchored {
  range: Range;
  start: number;
  end: number;
  status: 'exact' | 'approximate';
}

// One matcher per text model: its normalized view of the text is built once per anchoring batch.
const matchers = new WeakMap<TextModel, QuoteMatcher>();

function matcherFor(model: TextModel): QuoteMatcher {
  let matcher = matchers.get(model);
  if (!matcher) {
    matcher = createQuoteMatcher(model.text);
    matchers.set(model, matcher);
  }
  return matcher;
}

function locate(
  model: TextModel,
  quote: TextQuoteSelector,
  position: TextPositionSelector | undefined,
): Omit<Anchored, 'range'> | null {
  const { text } = model;
  if (position && text.slice(position.start, position.end) === quote.exact) {
    // A short quote ("2024") may recur at the same offset after an edit: check its context too.
    const { start, end } = position;
    const sure =
      quote.exact.length >= SHORT_LENGTH ||
      prefixBefore(text, start) === quote.prefix ||
      suffixAfter(text, end) === quote.suffix;
    if (sure) return { start, end, status: 'exact' };
  }
  const match = matcherFor(model)(quote.exact, {
    prefix: quote.prefix,
    suffix: quote.suffix,
    hint: position?.start,
  });
  if (!match) return null;
  return { start: match.start, end: match.end, status: match.exact ? 'exact' : 'approximate' };
}

/**
 * Anchor a claim's selectors under root. A TextQuoteSelector is required: without one there is
 * nothing to verify a position against, and the claim is an orphan. Pass `model` to anchor a batch
 * of claims against one text model; anchor them all before painting any (painting splits text
 * nodes; the returned live ranges follow the splits). A model whose nodes were split or edited
 * since it was built is detected (at the boundary nodes) and rebuilt.
 */
export function anchor(root: Element, selectors: Selector[], model?: TextModel): Anchored | null {
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  const position = selectors.find(
    (s): s is TextPositionSelector => s.type === 'TextPositionSelector',
  );
  if (!quote || quote.exact.trim() === '') return null;
  let current = model?.root === root ? model : buildTextModel(root);
  for (let attempt = 0; attempt < 2; attempt++) {
    const found = locate(current, quote, position);
    if (!found) return null;
    const range = rangeFromOffsets(current, found.start, found.end);
    if (range) return { range, ...found };
    current = buildTextModel(root); // the model was stale: the DOM changed since it was built
  }
  return null;
}
