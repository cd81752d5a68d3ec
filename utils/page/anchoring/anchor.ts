/**
 * anchor(root, selectors) → where a stored claim stands on the page now, or null (an orphan).
 * DOM code: the root is a parameter.
 *
 * 1. The stored position, if the text there still is the quote (and, for a short quote, one side
 *    of its context is unchanged; in secondary text, below, both sides): 'exact'.
 * 2. Otherwise the quote is searched (match-quote.ts): occurrences that differ at most in
 *    whitespace, invisible characters and typographic quotes ('exact') and approximate ones
 *    ('approximate'), scored on quote, context and position and accepted only above minimum
 *    scores; the best acceptable one wins. No acceptable candidate: null, an orphan.
 *
 * A claim with nothing but its quote (no context, no position: imported from another tool) is
 * placed at the quote's first occurrence (outside secondary text when it can be), flagged
 * `placedByQuote` when the page has more than one.
 *
 * The DOM has a say in the choice: a candidate inside a pull quote, an <aside> or other
 * complementary content, or hidden text (isSecondary) ranks as if one side of its context
 * disagreed (SECONDARY_PENALTY). Such blocks repeat the article's sentences, often as they were
 * first published rather than as corrected since, and hidden text cannot have been selected:
 * unless the copy agrees with the claim far better, the one in the running text is where it
 * stood.
 */
import type { Selector, TextPositionSelector, TextQuoteSelector } from '../../core/model';
import { prefixBefore, suffixAfter } from './describe';
import type { QuoteMatcher } from './match-quote';
import { createQuoteMatcher } from './match-quote';
import { SECONDARY_PENALTY, SHORT_LENGTH } from './score';
import type { TextModel } from './text-model';
import { buildTextModel, nodeAt, rangeFromOffsets } from './text-model';

/** Where a claim stands in a text model's text. */
export interface Located {
  start: number;
  end: number;
  status: 'exact' | 'approximate';
  /** A claim with only its quote, which occurs more than once: placed at the first. */
  placedByQuote?: boolean;
}

export interface Anchored extends Located {
  range: Range;
}

/**
 * One matcher per page text: its normalized view of the text is built once, not once per text
 * model. The painter's slices each get a model of their own over the same text (afterSplits keeps
 * the string), and normalizing guardian-1 for every slice of 200 claims cost ~5 ms of a load.
 */
let lastMatcher: { text: string; matcher: QuoteMatcher } | undefined;

function matcherFor(model: TextModel): QuoteMatcher {
  if (lastMatcher?.text !== model.text)
    lastMatcher = { text: model.text, matcher: createQuoteMatcher(model.text) };
  return lastMatcher.matcher;
}

/**
 * Whether an element holds text that is secondary to the article's: text that repeats it (an
 * <aside> or other complementary content, a pull quote: class "pullquote", "pull-quote"…) or
 * that readers cannot see, so never selected (the hidden attribute, display:none inline, the
 * usual hiding classes: a page may keep a hidden copy of its headline).
 */
function isSecondary(el: Element): boolean {
  if (el.localName === 'aside' || el.getAttribute('role') === 'complementary') return true;
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  if (style !== null && DISPLAY_NONE.test(style)) return true;
  const names = el.getAttribute('class');
  return names !== null && SECONDARY_CLASS.test(names);
}
const DISPLAY_NONE = /display\s*:\s*none/i;
const SECONDARY_CLASS =
  /pull-?quote|(?:^|\s)(?:is-hidden|hidden|visually-hidden|sr-only|screen-reader-text)(?:\s|$)/i;

/** Per text model: whether an element, or one of its ancestors under the root, is secondary. */
const secondaryChains = new WeakMap<TextModel, Map<Element, boolean>>();

/**
 * Whether the text at `offset` lies inside a secondary element under the root. Known answers are
 * kept per model for each element on the way up, so the claims of one paragraph read its
 * ancestors' attributes once, not each claim all of them (~0.7 ms of a load with 50 claims).
 */
function isSecondaryAt(model: TextModel, offset: number): boolean {
  let known = secondaryChains.get(model);
  if (!known) secondaryChains.set(model, (known = new Map()));
  const path: Element[] = [];
  let result = false;
  for (
    let el = nodeAt(model, offset)?.parentElement;
    el && el !== model.root;
    el = el.parentElement
  ) {
    const cached = known.get(el);
    if (cached !== undefined) {
      result = cached;
      break;
    }
    path.push(el);
    if (isSecondary(el)) {
      result = true;
      break;
    }
  }
  for (const el of path) known.set(el, result);
  return result;
}

function locate(
  model: TextModel,
  quote: TextQuoteSelector,
  position: TextPositionSelector | undefined,
): Located | null {
  const { text } = model;
  if (position && text.slice(position.start, position.end) === quote.exact) {
    const { start, end } = position;
    // A short quote ("2024") may recur at the same offset after an edit: check its context too.
    // In secondary text it may be a pull quote, inserted before the claim, that moved there: only
    // its whole context tells.
    let prefix: boolean | undefined;
    let suffix: boolean | undefined;
    const prefixSame = (): boolean => (prefix ??= prefixBefore(text, start) === quote.prefix);
    const suffixSame = (): boolean => (suffix ??= suffixAfter(text, end) === quote.suffix);
    // Both sides unchanged (the usual case) is sure wherever it lies: the DOM is asked whether
    // it lies in secondary text only when that decides (string compares cost less than reading
    // the ancestors' attributes from a content script).
    const sure =
      (prefixSame() && suffixSame()) ||
      (!isSecondaryAt(model, start) &&
        (quote.exact.length >= SHORT_LENGTH || prefixSame() || suffixSame()));
    if (sure) return { start, end, status: 'exact' };
  }
  const match = matcherFor(model)(quote.exact, {
    prefix: quote.prefix,
    suffix: quote.suffix,
    hint: position?.start,
    penalty: (start) => (isSecondaryAt(model, start) ? SECONDARY_PENALTY : 0),
    quoteOnly: !position && quote.prefix === '' && quote.suffix === '',
  });
  if (!match) return null;
  return {
    start: match.start,
    end: match.end,
    status: match.exact ? 'exact' : 'approximate',
    ...((match.occurrences ?? 0) > 1 ? { placedByQuote: true } : {}),
  };
}

/**
 * Anchor a claim's selectors under root. A TextQuoteSelector is required: without one there is
 * nothing to verify a position against, and the claim is an orphan. Pass `model` to anchor a batch
 * of claims against one text model; anchor them all before painting any (painting splits text
 * nodes; the returned live ranges follow the splits). A model whose nodes were split or edited
 * since it was built is detected (at the boundary nodes) and rebuilt.
 */
export function anchor(root: Element, selectors: Selector[], model?: TextModel): Anchored | null {
  const { quote, position } = selectorsOf(selectors);
  if (!quote) return null;
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

function selectorsOf(selectors: Selector[]): {
  quote: TextQuoteSelector | undefined;
  position: TextPositionSelector | undefined;
} {
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  const position = selectors.find(
    (s): s is TextPositionSelector => s.type === 'TextPositionSelector',
  );
  return { quote: quote && quote.exact.trim() !== '' ? quote : undefined, position };
}

/**
 * {@link anchor} without a Range: where a claim stands in `model`'s text, for painting straight
 * from the model's offsets (highlight/paint.ts `paintOffsets`). The model must be current (just
 * built, or checked with `isCurrentModel`): nothing here looks at the DOM but the ancestors of a
 * candidate (secondary text). Making a live Range for every claim cost four DOM calls, and each
 * one made painting's mutations update it.
 */
export function locateIn(model: TextModel, selectors: Selector[]): Located | null {
  const { quote, position } = selectorsOf(selectors);
  if (!quote || model.nodes.length === 0) return null;
  return locate(model, quote, position);
}
