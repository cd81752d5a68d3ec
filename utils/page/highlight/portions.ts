/**
 * Which text of a range gets painted: the non-empty parts of its Text nodes, minus text a <mark>
 * would break and whitespace that is only layout (see {@link isPainted}).
 */
import { nodeIndexAt, UI_ATTRIBUTE, type TextModel } from '../anchoring/text-model';
import { HTML_NS } from './style';

/** `node.data.slice(start, end)` lies in the range; `painted` says whether it gets a mark. */
export interface Portion {
  node: Text;
  start: number;
  end: number;
  /** `node.length`. */
  length: number;
  painted: boolean;
}

// DOM constants as numbers: the DOM may come from another realm (an iframe, JSDOM).
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const SHOW_TEXT = 0x4;

const words = (list: string) => new Set(list.split(' '));
/** Parents whose text a <mark> would break or hide (raw text, form controls, replaced content). */
const NEVER_WRAPPED = words(
  'script style template noscript textarea title option optgroup select datalist iframe object ' +
    'noembed noframes xmp canvas video audio head html',
);
/** Elements that end a run of inline content: whitespace next to them is layout, not text. */
const NOT_INLINE = words(
  'address article aside blockquote body br caption col colgroup dd details dialog div dl dt ' +
    'fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend ' +
    'li link main menu meta nav noscript ol p pre script section style summary table tbody td ' +
    'template tfoot th thead title tr ul',
);

export function isText(node: Node | null): node is Text {
  return node?.nodeType === TEXT_NODE;
}

function isElement(node: Node | null): node is Element {
  return node?.nodeType === ELEMENT_NODE;
}

function isInline(node: Node | null): boolean {
  return isText(node) || (isElement(node) && !NOT_INLINE.has(node.localName));
}

/**
 * THE PAINTING RULE. The text of `node` from `start` to `end` is wrapped when it is not empty, its
 * parent can hold a <mark> (an HTML element outside NEVER_WRAPPED and outside our own UI), and
 * either it holds a visible character, or it is a whole whitespace-only node between two inline
 * siblings (`<em>a</em> <b>b</b>`), where it renders as a space inside the highlighted run.
 * All other whitespace is skipped, as Hypothesis does: it is layout (between blocks, rows, cells
 * or list items — text directly in table, tbody, tr, ul, ol… always is — or at an element's edge)
 * or the trailing space of a selection, and a mark there would only add stray boxes and break page
 * CSS such as `p + p` or `tr > td`.
 */
function isPainted(node: Text, start: number, end: number, length: number): boolean {
  const parent = node.parentNode;
  if (!parent || start >= end) return false;
  if (!canHoldMark(parent) || (isElement(parent) && parent.closest(`[${UI_ATTRIBUTE}]`)))
    return false;
  return isVisibleOrSpace(node, node.data.slice(start, end), start === 0 && end === length);
}

/** The parent part of the rule, but for our UI: an HTML element outside NEVER_WRAPPED. */
function canHoldMark(parent: ParentNode): boolean {
  return (
    !isElement(parent) || (parent.namespaceURI === HTML_NS && !NEVER_WRAPPED.has(parent.localName))
  );
}

/** The text part of the rule: `text` of `node` holds a visible character, or is all of it between inline siblings. */
function isVisibleOrSpace(node: Text, text: string, whole: boolean): boolean {
  if (/\S/.test(text)) return true;
  return whole && isInline(node.previousSibling) && isInline(node.nextSibling);
}

/** The non-empty parts of the Text nodes inside `range`, in document order. */
export function portionsOf(range: Range): Portion[] {
  if (range.collapsed) return [];
  // Each read of a range's boundary is a DOM call: read them once.
  const { startContainer, startOffset, endContainer, endOffset } = range;
  const root = range.commonAncestorContainer;
  const nodes: Text[] = [];
  if (isText(root)) nodes.push(root);
  else {
    const doc = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
    const walker = doc?.createTreeWalker(root, SHOW_TEXT);
    // Start at the range's start, not at the top of the common ancestor (a cross-paragraph claim
    // would otherwise test every text node of the article before it).
    const start = startContainer;
    if (walker && start !== root) {
      walker.currentNode = start;
      if (isText(start) && range.intersectsNode(start)) nodes.push(start);
    }
    for (let node = walker?.nextNode(); node; node = walker?.nextNode()) {
      if (range.intersectsNode(node)) nodes.push(node as Text);
      else if (nodes.length > 0) break; // past the end of the range
      if (node === endContainer) break; // the last one
    }
  }
  return nodes
    .map((node) => {
      const length = node.length;
      const start = node === startContainer ? startOffset : 0;
      const end = node === endContainer ? endOffset : length;
      return { node, start, end, length, painted: isPainted(node, start, end, length) };
    })
    .filter((portion) => portion.start < portion.end);
}

/**
 * {@link portionsOf} for model offsets `[start, end)`, from a current text model (just built, or
 * checked): the same portions as of a Range over those offsets, minus the Text nodes of skipped
 * subtrees, which the model leaves out and which are never painted (script, style… and our UI,
 * so no `closest` for it). No Range, no walk: the nodes and their text come from the model, so a
 * portion costs one DOM call (its parent) when its parent was not met before in `parents`
 * (whether each parent can hold a mark, shared by one batch).
 */
export function portionsIn(
  model: TextModel,
  start: number,
  end: number,
  parents: Map<ParentNode, boolean>,
): Portion[] {
  const { nodes, starts, text } = model;
  const portions: Portion[] = [];
  if (!(start >= 0 && start < end && end <= text.length)) return portions;
  for (let i = Math.max(0, nodeIndexAt(model, start)); i < nodes.length && starts[i]! < end; i++) {
    const from = starts[i]!;
    const to = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    if (a >= b) continue;
    const node = nodes[i]!;
    const parent = node.parentNode;
    let holds = parent ? parents.get(parent) : false;
    if (holds === undefined) parents.set(parent!, (holds = canHoldMark(parent!)));
    portions.push({
      node,
      start: a - from,
      end: b - from,
      length: to - from,
      painted: holds && isVisibleOrSpace(node, text.slice(a, b), a === from && b === to),
    });
  }
  return portions;
}
