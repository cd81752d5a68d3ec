/**
 * The bench's own, independent view of a page's text: the text model as README and
 * `utils/page/anchoring/text-model.ts` define it (every Text node under the root, skipping script,
 * style, noscript, template, textarea and our own UI), next to the root's `textContent` (what
 * dom-anchor-text-quote works on). The judge measures every landing with this code, not with the
 * anchoring module under test. DOM code: the root is a parameter (runs in jsdom and in the page).
 */

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'textarea']);
const UI_ATTRIBUTE = 'data-claimmark-ui';
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export interface RefModel {
  root: Element;
  /** The text model's text. */
  text: string;
  /** Every Text node under root in document order (the pieces of `root.textContent`). */
  all: Text[];
  /** Offset of `all[i]` in `root.textContent`. */
  contentStarts: number[];
  /** Offset of `all[i]` in the text model, or -1 when the node is not part of it. */
  modelStarts: number[];
  /** Indexes into `all` of the text-model nodes, in order. */
  modelNodes: number[];
  index: Map<Text, number>;
}

export function refModel(root: Element): RefModel {
  const all: Text[] = [];
  const contentStarts: number[] = [];
  const modelStarts: number[] = [];
  const modelNodes: number[] = [];
  const parts: string[] = [];
  let content = 0;
  let model = 0;
  const visit = (node: Node, skipped: boolean): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        const data = (child as Text).data;
        all.push(child as Text);
        contentStarts.push(content);
        content += data.length;
        if (skipped) modelStarts.push(-1);
        else {
          modelNodes.push(all.length - 1);
          modelStarts.push(model);
          parts.push(data);
          model += data.length;
        }
      } else if (child.nodeType === ELEMENT_NODE) {
        const el = child as Element;
        visit(el, skipped || SKIPPED.has(el.localName) || el.hasAttribute(UI_ATTRIBUTE));
      }
    }
  };
  visit(root, false);
  const index = new Map<Text, number>();
  all.forEach((node, i) => index.set(node, i));
  return { root, text: parts.join(''), all, contentStarts, modelStarts, modelNodes, index };
}

/** Index into `modelNodes` of the node holding model offset `offset` (the last starting at or before it). */
export function modelNodeAt(ref: RefModel, offset: number): number {
  let lo = 0;
  let hi = ref.modelNodes.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ref.modelStarts[ref.modelNodes[mid]!]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The Text node and offset in it of model offset `offset`. With `preferEnd`, an offset at a
 * node boundary lands at the end of the earlier node (a span's end), else at the start of the
 * later one (a span's start).
 */
export function modelPoint(
  ref: RefModel,
  offset: number,
  preferEnd = false,
): { node: Text; offset: number } {
  let i = modelNodeAt(ref, offset);
  // Skip empty nodes, and for an end, step back onto the node the offset ends.
  if (preferEnd) {
    while (i > 0 && ref.modelStarts[ref.modelNodes[i]!]! >= offset) i--;
  }
  const n = ref.modelNodes[i]!;
  return { node: ref.all[n]!, offset: offset - ref.modelStarts[n]! };
}

/** The `textContent` offset of model offset `offset` (how dom-anchor-text-quote counts). */
export function modelToContent(ref: RefModel, offset: number): number {
  if (ref.modelNodes.length === 0) return 0;
  const n = ref.modelNodes[modelNodeAt(ref, offset)]!;
  return ref.contentStarts[n]! + (offset - ref.modelStarts[n]!);
}

/** The model offset of the first model text at or after `all[i]`. */
function modelOffsetFrom(ref: RefModel, i: number): number {
  for (let j = i; j < ref.all.length; j++) {
    if (ref.modelStarts[j]! >= 0) return ref.modelStarts[j]!;
  }
  return ref.text.length;
}

/** A boundary point in model offsets; `outside` when it lies in text the model leaves out. */
function pointToModel(
  ref: RefModel,
  container: Node,
  offset: number,
): { offset: number; outside: boolean } {
  if (container.nodeType === TEXT_NODE) {
    const i = ref.index.get(container as Text);
    if (i === undefined) return { offset: -1, outside: true };
    const start = ref.modelStarts[i]!;
    if (start < 0) return { offset: modelOffsetFrom(ref, i), outside: true };
    return { offset: start + Math.min(offset, (container as Text).data.length), outside: false };
  }
  // An element boundary: the first Text node at or after the point.
  const point = ref.root.ownerDocument.createRange();
  point.setStart(container, offset);
  let lo = 0;
  let hi = ref.all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (point.comparePoint(ref.all[mid]!, 0) < 0) lo = mid + 1;
    else hi = mid;
  }
  return { offset: modelOffsetFrom(ref, lo), outside: false };
}

export interface Landing {
  start: number;
  end: number;
  /** A boundary lies in text the model leaves out (a script, a style…). */
  outside: boolean;
}

export function rangeToModel(ref: RefModel, range: Range): Landing {
  const start = pointToModel(ref, range.startContainer, range.startOffset);
  const end = pointToModel(ref, range.endContainer, range.endOffset);
  return { start: start.offset, end: end.offset, outside: start.outside || end.outside };
}

const SPACE = /\s/;

/** `[start, end)` without whitespace at either end. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  return [start, end];
}
