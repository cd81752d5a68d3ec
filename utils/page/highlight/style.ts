/**
 * What a highlight looks like. One stylesheet per document (`highlightSheetFor`), adopted through
 * CSSOM (`document.adoptedStyleSheets`): a strict CSP, which blocks `<style>` elements and `style`
 * attributes set as strings, does not block it, and a mark is then just an element with three
 * attributes — no inline style to parse per mark, and the browser can share one computed style
 * among all marks of a type. Every rule is `!important` behind a selector with the specificity of
 * five ids (`:is(#…, mark)`), so the page's own CSS does not hide or restyle a mark unless it
 * means to (five ids and `!important`, or an `!important` rule in a cascade layer). Where a
 * document cannot adopt a sheet (Firefox's content-script sandbox may refuse; jsdom), each mark
 * gets the same declarations as `!important` inline styles through `style.setProperty`.
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

const UNSAVED_STRIPES =
  'repeating-linear-gradient(135deg, transparent 0 4px, rgba(179, 38, 30, 0.28) 4px 6px)';

/** Set the type and colour of a mark. */
export function applyType(mark: HTMLElement, type: ClaimType): void {
  mark.setAttribute(TYPE_ATTRIBUTE, type);
  if (!isSheetStyled(mark.ownerDocument))
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
    const inline = !isSheetStyled(mark.ownerDocument);
    if (unsaved) {
      mark.setAttribute(UNSAVED_ATTRIBUTE, 'true');
      mark.title = 'Claimmark: not saved. Click to retry or discard.';
      if (!inline) continue;
      mark.style.setProperty('outline', '2px dashed #b3261e', 'important');
      mark.style.setProperty('outline-offset', '1px', 'important');
      mark.style.setProperty('background-image', UNSAVED_STRIPES, 'important');
    } else {
      mark.removeAttribute(UNSAVED_ATTRIBUTE);
      mark.removeAttribute('title');
      if (!inline) continue;
      mark.style.removeProperty('outline');
      mark.style.removeProperty('outline-offset');
      mark.style.setProperty('background-image', 'none', 'important');
    }
  }
}

export const SAVING_ATTRIBUTE = 'data-saving';

/**
 * Flag marks whose save the background has not answered for a while (its worker keeps being
 * stopped), or clear the flag: a dotted outline in the text's colour, and a title that says
 * Claimmark keeps trying. Not the red of a claim that could not be saved: nothing failed yet.
 */
export function setStillTrying(marks: readonly HTMLElement[], trying: boolean): void {
  for (const mark of marks) {
    if (mark.hasAttribute(UNSAVED_ATTRIBUTE)) continue; // refused: that says more
    const inline = !isSheetStyled(mark.ownerDocument);
    if (trying) {
      mark.setAttribute(SAVING_ATTRIBUTE, 'retrying');
      mark.title = 'Claimmark: still trying to save this claim…';
      if (!inline) continue;
      mark.style.setProperty('outline', '2px dotted currentColor', 'important');
      mark.style.setProperty('outline-offset', '1px', 'important');
    } else if (mark.hasAttribute(SAVING_ATTRIBUTE)) {
      mark.removeAttribute(SAVING_ATTRIBUTE);
      mark.removeAttribute('title');
      if (!inline) continue;
      mark.style.removeProperty('outline');
      mark.style.removeProperty('outline-offset');
    }
  }
}

/** The stylesheet of every mark: the same declarations as the inline fallback. */
export function highlightCss(): string {
  const at = `mark.${HIGHLIGHT_CLASS}[${HIGHLIGHT_ATTRIBUTE}]:is(#cm#cm#cm#cm#cm, mark)`;
  const block = (pairs: [string, string][]) =>
    `{ ${pairs.map(([p, v]) => `${p}: ${v} !important;`).join(' ')} }`;
  return [
    `${at} ${block(BASE_STYLE)}`,
    ...CLAIM_TYPES.map(
      (type) =>
        `${at}[${TYPE_ATTRIBUTE}="${type}"] ${block([['background-color', TYPE_COLOURS[type]]])}`,
    ),
    `${at}[${SAVING_ATTRIBUTE}] ${block([
      ['outline', '2px dotted currentColor'],
      ['outline-offset', '1px'],
    ])}`,
    `${at}[${UNSAVED_ATTRIBUTE}] ${block([
      ['outline', '2px dashed #b3261e'],
      ['outline-offset', '1px'],
      ['background-image', UNSAVED_STRIPES],
    ])}`,
  ].join('\n');
}

/** Each document's adopted highlight sheet, or null where it cannot adopt one. */
const sheets = new WeakMap<Document, CSSStyleSheet | null>();

/**
 * The document's highlight sheet, adopted (again, if the page's script replaced the document's
 * adopted sheets since); null when the document cannot adopt one (marks are styled inline).
 */
export function highlightSheetFor(doc: Document): CSSStyleSheet | null {
  let sheet = sheets.get(doc);
  if (sheet === undefined) {
    sheet = null;
    const view = doc.defaultView;
    try {
      if (view && 'adoptedStyleSheets' in doc && typeof view.CSSStyleSheet === 'function') {
        sheet = new view.CSSStyleSheet();
        sheet.replaceSync(highlightCss());
      }
    } catch {
      sheet = null;
    }
    sheets.set(doc, sheet);
  }
  if (sheet && !doc.adoptedStyleSheets.includes(sheet)) {
    try {
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    } catch {
      sheet = null; // (Firefox's sandbox: the page's array will not take our sheet)
    }
    if (sheet && !doc.adoptedStyleSheets.includes(sheet)) sheet = null;
    if (!sheet) sheets.set(doc, null);
  }
  return sheet;
}

/** Whether the marks of `doc` are styled by the adopted sheet (else inline). */
function isSheetStyled(doc: Document): boolean {
  return sheets.get(doc) != null;
}

/** Per document, an empty styled mark of each type (and styling) that new marks are cloned from. */
const templates = new WeakMap<Document, Map<string, HTMLElement>>();

/**
 * An empty, styled mark of annotation `id`. Call {@link highlightSheetFor} once before a batch.
 * A clone of the document's mark of that type, so a mark costs two DOM calls (clone, id) rather
 * than one for each attribute and inline property.
 */
export function createMark(doc: Document, id: string, type: ClaimType): HTMLElement {
  let byType = templates.get(doc);
  if (!byType) templates.set(doc, (byType = new Map()));
  const key = `${type} ${isSheetStyled(doc) ? 'sheet' : 'inline'}`;
  let template = byType.get(key);
  if (!template) {
    template = doc.createElementNS(HTML_NS, 'mark') as HTMLElement;
    template.className = HIGHLIGHT_CLASS;
    if (!isSheetStyled(doc))
      for (const [property, value] of BASE_STYLE)
        template.style.setProperty(property, value, 'important');
    applyType(template, type);
    byType.set(key, template);
  }
  const mark = template.cloneNode(false) as HTMLElement;
  mark.setAttribute(HIGHLIGHT_ATTRIBUTE, id);
  return mark;
}
