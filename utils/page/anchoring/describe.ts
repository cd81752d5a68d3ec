/**
 * describe(range) → the selectors Claimmark stores for a claim. DOM code: the root is a parameter.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../../core/model';
import type { TextModel } from './text-model';
import { buildTextModel, offsetsFromRange } from './text-model';
import { rawAfter, rawBefore } from './context';

/**
 * How many characters of context `prefix` and `suffix` keep on each side of the quote. Runs of
 * whitespace are collapsed to one space in the stored context: news pages are indented with
 * hundreds of spaces between elements, and 32 raw characters would often hold nothing else.
 */
export const CONTEXT_LENGTH = 32;
const SPACE = /\s/;
const collapse = (text: string): string => text.replace(/\s+/g, ' ');

/** The stored prefix of a quote starting at `start`: CONTEXT_LENGTH characters, collapsed. */
export function prefixBefore(text: string, start: number): string {
  return collapse(rawBefore(text, start, CONTEXT_LENGTH));
}

/** The stored suffix of a quote ending at `end`: CONTEXT_LENGTH characters, collapsed. */
export function suffixAfter(text: string, end: number): string {
  return collapse(rawAfter(text, end, CONTEXT_LENGTH));
}

/**
 * The quote and position selectors of a Range under root, in the text model (see text-model.ts).
 * Whitespace at either end of the selection is left out: `exact` starts and ends with page text,
 * and the position selector covers exactly `exact`. Null for a collapsed range, one outside root,
 * or one holding no page text (only whitespace, or only our own UI).
 *
 * `model` lets a caller reuse one text model; a stale one (the DOM changed since) is rebuilt.
 */
export function describe(
  root: Element,
  range: Range,
  model?: TextModel,
): [TextQuoteSelector, TextPositionSelector] | null {
  if (range.collapsed) return null;
  let current = model?.root === root ? model : buildTextModel(root);
  let offsets = offsetsFromRange(current, range);
  if (!offsets && current === model) {
    current = buildTextModel(root);
    offsets = offsetsFromRange(current, range);
  }
  if (!offsets) return null;
  const { text } = current;
  let { start, end } = offsets;
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  if (start === end) return null;
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: prefixBefore(text, start),
      suffix: suffixAfter(text, end),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}
