/**
 * The text layer of a rendered PDF page, as the text model sees it. PDF.js ends a line with a
 * `<br>`, which holds no text: two lines would run together ("billionin sales"). A line-break
 * text node before each `<br>` makes the layer's text model equal the page's text
 * (utils/pdf/text.ts: `pageTextOf`); it is whitespace outside the positioned spans, so it shows
 * nothing. DOM code: the layer is a parameter.
 */

export const PAGE_INDEX_ATTRIBUTE = 'data-page-index';

export function addLineBreaks(layer: Element): void {
  for (const br of layer.querySelectorAll('br')) {
    br.before(layer.ownerDocument.createTextNode('\n'));
  }
}

/** The text layer holding `node` and its page index, or null outside any page's text. */
export function layerOf(node: Node): { layer: HTMLElement; index: number } | null {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const layer = element?.closest<HTMLElement>('.textLayer');
  const page = layer?.closest(`[${PAGE_INDEX_ATTRIBUTE}]`);
  if (!layer || !page) return null;
  const index = Number(page.getAttribute(PAGE_INDEX_ATTRIBUTE));
  return Number.isSafeInteger(index) ? { layer, index } : null;
}
