/**
 * The TEXT MODEL: the coordinate system of every TextPositionSelector Claimmark stores.
 *
 * The text model of a root element is the concatenation of the `data` of every Text node under
 * it, in document order, skipping the subtrees of `script`, `style`, `noscript`, `template`,
 * `textarea` and of any element carrying {@link UI_ATTRIBUTE} (our own toolbar host). Nothing is
 * added between nodes and nothing is normalized: offset `i` is the `i`-th UTF-16 code unit of that
 * concatenation. Block boundaries therefore contribute only the whitespace the page itself has.
 *
 * Highlights are painted as `<mark data-annotation-id>` elements that split and wrap text nodes:
 * splitting a node keeps the concatenation and wrapping adds no text, so painting never moves an
 * offset. A {@link TextModel} is a snapshot of nodes, though: after the DOM changed (painting
 * included) build a new one. Live `Range`s made from it beforehand follow the splits.
 *
 * DOM code: the DOM arrives as a parameter, never from globals.
 */

export const UI_ATTRIBUTE = 'data-claimmark-ui';

export interface TextModel {
  root: Element;
  /** The concatenated text. */
  text: string;
  /** The Text nodes, in document order. */
  nodes: Text[];
  /** `starts[i]` is the offset of `nodes[i]`'s first character in `text`. */
  starts: number[];
}

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'textarea']);
// DOM constants as numbers: the root may come from another realm (an iframe, JSDOM).
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SHOW_TEXT = 0x4;
const PRECEDING = 0x2;
const CONTAINED_BY = 0x10;

/** Whether an element's subtree is left out of the text model. */
export function isSkipped(element: Element): boolean {
  return SKIPPED.has(element.localName) || element.hasAttribute(UI_ATTRIBUTE);
}

export const SKIPPED_SELECTOR = [...SKIPPED, `[${UI_ATTRIBUTE}]`].join(',');

/**
 * Built from a plain walk over the Text nodes, without a filter callback: in a content script's
 * isolated world a JavaScript NodeFilter called for every node costs ~40× the walk itself (12 ms
 * vs 0.3 ms on guardian-1 in Chromium). The skipped subtrees are found natively with one
 * `querySelectorAll`; for each, the walk jumps from its first Text node to its last one (found
 * by the walker itself), so a Text node costs two DOM calls (`nextNode`, `data`) and nothing is
 * asked of its parents: deciding per parent element whether it lies in a skipped subtree made
 * a wrapper for every ancestor and more than doubled the walk (~7 ms → ~3 ms on guardian-1).
 */
export function buildTextModel(root: Element): TextModel {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  /** The first Text node of each skipped subtree → its last one. */
  const jumps = new Map<Node, Node>();
  let outer: Element | undefined;
  for (const element of root.querySelectorAll(SKIPPED_SELECTOR)) {
    if (outer?.contains(element)) continue; // inside a skipped subtree already
    outer = element;
    walker.currentNode = element;
    const first = walker.nextNode();
    if (!first || !element.contains(first)) continue; // no text in it
    walker.currentNode = element;
    jumps.set(first, walker.lastChild() ?? first);
  }
  walker.currentNode = root;
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const last = jumps.size > 0 ? jumps.get(node) : undefined;
    if (last) {
      walker.currentNode = last;
      continue;
    }
    const data = (node as Text).data;
    nodes.push(node as Text);
    starts.push(offset);
    parts.push(data);
    offset += data.length;
  }
  return { root, text: parts.join(''), nodes, starts };
}

function nodeLength(model: TextModel, i: number): number {
  const next = i + 1 < model.starts.length ? model.starts[i + 1]! : model.text.length;
  return next - model.starts[i]!;
}

/** The largest index `i` with `starts[i] < offset` (`strict`) or `<= offset`, or -1. */
function lastStartBefore(starts: number[], offset: number, strict: boolean): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = starts[mid]!;
    if (strict ? s < offset : s <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the Text node holding the character at `offset` (the last one starting at or before it), or -1. */
export function nodeIndexAt(model: TextModel, offset: number): number {
  return lastStartBefore(model.starts, offset, false);
}

/** The Text node holding the character at `offset` (the last one starting at or before it). */
export function nodeAt(model: TextModel, offset: number): Text | null {
  const i = nodeIndexAt(model, offset);
  return i < 0 ? null : model.nodes[i]!;
}

/** Whether node `i` still is what the model says (not split, edited or moved out of root). */
function isCurrent(model: TextModel, i: number): boolean {
  const node = model.nodes[i]!;
  return node.data.length === nodeLength(model, i) && model.root.contains(node);
}

/**
 * A Range over text-model offsets `[start, end)`, made with `root.ownerDocument.createRange()`.
 * The start lies at the beginning of a node rather than at the end of the previous one, the end at
 * the end of a node rather than the beginning of the next. Null when the offsets are out of bounds,
 * the root has no text nodes, or the model is stale (its boundary nodes changed since it was built).
 */
export function rangeFromOffsets(model: TextModel, start: number, end: number): Range | null {
  const { nodes, starts, text } = model;
  if (!(start >= 0 && start <= end && end <= text.length) || nodes.length === 0) return null;
  // A collapsed range uses the start rule for both ends.
  let s = lastStartBefore(starts, start, start === text.length);
  let e = end > start ? lastStartBefore(starts, end, true) : s;
  s = Math.max(s, 0);
  e = Math.max(e, 0);
  if (!isCurrent(model, s) || !isCurrent(model, e)) return null;
  const range = model.root.ownerDocument.createRange();
  // Start from the node itself: moving a boundary away from (document, 0) costs a tree-order
  // comparison that is slow in jsdom, and most quotes lie within one node.
  range.selectNodeContents(nodes[s]!);
  range.setStart(nodes[s]!, start - starts[s]!);
  range.setEnd(nodes[e]!, end - starts[e]!);
  return range;
}

/** Index of the first model node at or after the boundary point, or `nodes.length`. */
function firstNodeAtOrAfter(model: TextModel, container: Node, offset: number): number {
  // The point lies just before `ref`; with no `ref`, just after the last child of `container`.
  const isCharacterData = container.nodeType !== ELEMENT_NODE; // Text, Comment…
  const ref = isCharacterData ? container : (container.childNodes[offset] ?? null);
  const isBefore = (node: Text): boolean =>
    ref
      ? (ref.compareDocumentPosition(node) & PRECEDING) !== 0
      : (container.compareDocumentPosition(node) & (PRECEDING | CONTAINED_BY)) !== 0;
  let lo = 0;
  let hi = model.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(model.nodes[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function offsetOfPoint(model: TextModel, container: Node, offset: number): number | null {
  const i = firstNodeAtOrAfter(model, container, offset);
  if (container.nodeType === TEXT_NODE && model.nodes[i] === container) {
    if (!isCurrent(model, i)) return null;
    return model.starts[i]! + Math.min(offset, nodeLength(model, i));
  }
  if (container.nodeType === TEXT_NODE && !isExcluded(model.root, container)) return null; // stale
  return i < model.nodes.length ? model.starts[i]! : model.text.length;
}

/** Whether a node lies inside a skipped subtree under root. */
function isExcluded(root: Element, node: Node): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (isSkipped(el)) return true;
  }
  return false;
}

/**
 * Text-model offsets of a Range. A boundary inside skipped content (a script, our toolbar) maps
 * to the offset of the next page text. Null when a boundary lies outside root, or in a text node
 * the model does not know although it should (the model is stale: build a new one).
 */
export function offsetsFromRange(
  model: TextModel,
  range: Range,
): { start: number; end: number } | null {
  const { root } = model;
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = offsetOfPoint(model, range.startContainer, range.startOffset);
  const end = offsetOfPoint(model, range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  return { start, end: Math.max(start, end) };
}
