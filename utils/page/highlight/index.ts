/**
 * Paint and unpaint claims as `<mark class="claimmark-highlight" data-annotation-id
 * data-claim-type>` elements that split and wrap the page's Text nodes. Painting never changes the
 * page's text; removing restores the DOM exactly. See paint.ts (splitting, nesting), portions.ts
 * (which text gets a mark), style.ts (colours, CSP-safe styling), remove.ts.
 *
 * DOM code: the DOM arrives as a parameter, never from globals.
 */
export { HIGHLIGHT_ATTRIBUTE, HIGHLIGHT_CLASS, TYPE_ATTRIBUTE, TYPE_COLOURS } from './style';
export { paintHighlight, paintHighlights, type HighlightRequest } from './paint';
export { highlightsOf, removeHighlight, setHighlightType } from './remove';
