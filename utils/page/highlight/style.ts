/**
 * What a highlight looks like. Styles go through CSSOM (`style.setProperty(…, 'important')`): that
 * works under a strict CSP, which blocks `<style>` elements and `style` attributes set as strings,
 * and `!important` inline styles beat the page's CSS.
 *
 * Overlaps: the colours are translucent, so where marks nest their backgrounds stack and the
 * overlap shows darker. No bookkeeping, so it stays right whichever highlight is removed first.
 */
import { CLAIM_TYPES, highlightColourOf, type ClaimType } from '../../core/claim-types';

export const HIGHLIGHT_ATTRIBUTE = 'data-annotation-id';
export const HIGHLIGHT_CLASS = 'claimmark-highlight';
export const TYPE_ATTRIBUTE = 'data-claim-type';
export const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** Each type's highlight colour (utils/core/claim-types.ts): translucent, so overlaps stack. */
export const TYPE_COLOURS: Readonly<Record<ClaimType, string>> = Object.fromEntries(
  CLAIM_TYPES.map((t) => [t, highlightColourOf(t)]),
) as Record<ClaimType, string>;

/** Undo whatever the page's CSS does to <mark>: the text keeps the page's colour and layout. */
const BASE_STYLE: [property: string, value: string][] = [
  ['color', 'inherit'],
  ['display', 'inline'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', 'none'],
  ['background-image', 'none'],
  ['cursor', 'pointer'], // a click opens the claim's card
];

/** Set the type and colour of a mark. */
export function applyType(mark: HTMLElement, type: ClaimType): void {
  mark.setAttribute(TYPE_ATTRIBUTE, type);
  mark.style.setProperty('background-color', TYPE_COLOURS[type], 'important');
}

export const UNSAVED_ATTRIBUTE = 'data-unsaved';

/**
 * Flag marks whose claim the background could not store (storage full…), or clear the flag: a
 * dashed outline and diagonal stripes over the type colour, so an unsaved highlight never looks
 * like a saved one.
 */
export function setUnsaved(marks: readonly HTMLElement[], unsaved: boolean): void {
  for (const mark of marks) {
    if (unsaved) {
      mark.setAttribute(UNSAVED_ATTRIBUTE, 'true');
      mark.title = 'Claimmark: not saved. Click to retry or discard.';
      mark.style.setProperty('outline', '2px dashed #b3261e', 'important');
      mark.style.setProperty('outline-offset', '1px', 'important');
      mark.style.setProperty(
        'background-image',
        'repeating-linear-gradient(135deg, transparent 0 4px, rgba(179, 38, 30, 0.28) 4px 6px)',
        'important',
      );
    } else {
      mark.removeAttribute(UNSAVED_ATTRIBUTE);
      mark.removeAttribute('title');
      mark.style.removeProperty('outline');
      mark.style.removeProperty('outline-offset');
      mark.style.setProperty('background-image', 'none', 'important');
    }
  }
}

/** An empty, styled mark of annotation `id`. */
export function createMark(doc: Document, id: string, type: ClaimType): HTMLElement {
  const mark = doc.createElementNS(HTML_NS, 'mark');
  mark.className = HIGHLIGHT_CLASS;
  mark.setAttribute(HIGHLIGHT_ATTRIBUTE, id);
  for (const [property, value] of BASE_STYLE) mark.style.setProperty(property, value, 'important');
  applyType(mark, type);
  return mark;
}
