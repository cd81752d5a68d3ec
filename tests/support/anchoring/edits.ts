/**
 * Edits a newsroom makes to a page between two visits, applied to a JSDOM document.
 */
import { buildTextModel } from '../../../utils/page/anchoring/text-model';
import { offsetsOf } from './pages';

/** The text node and local offset of the first `words` inside the quote (within one node). */
function findInQuote(root: Element, quote: string, words: string): [Text, number] {
  const { start, end } = offsetsOf(root, quote);
  const { nodes, starts } = buildTextModel(root);
  for (let i = 0; i < nodes.length; i++) {
    const at = nodes[i]!.data.indexOf(words, Math.max(0, start - starts[i]!));
    if (at !== -1 && starts[i]! + at + words.length <= end) return [nodes[i]!, at];
  }
  throw new Error(`"${words}" is not inside one text node of: ${quote}`);
}

/** Replace the first `from` inside the quote with `to`; returns the edited quote. */
export function editInQuote(root: Element, quote: string, from: string, to: string): string {
  const [node, at] = findInQuote(root, quote, from);
  node.data = node.data.slice(0, at) + to + node.data.slice(at + from.length);
  return quote.replace(from, to);
}

/** Wrap the first `words` inside the quote in a new `tag` element. */
export function wrapInQuote(root: Element, quote: string, words: string, tag: string): Element {
  const [node, at] = findInQuote(root, quote, words);
  const middle = node.splitText(at);
  middle.splitText(words.length);
  const wrapper = root.ownerDocument.createElement(tag);
  middle.before(wrapper);
  wrapper.append(middle);
  return wrapper;
}

/** Replace the whole word of a text node around text-model offset `at` by `word`. */
function replaceWordAt(root: Element, at: number, word: string): void {
  const { nodes, starts } = buildTextModel(root);
  let i = nodes.length - 1;
  while (starts[i]! > at) i--;
  const node = nodes[i]!;
  const local = at - starts[i]!;
  const data = node.data;
  let s = local;
  let e = local;
  while (s > 0 && /\S/.test(data[s - 1]!)) s--;
  while (e < data.length && /\S/.test(data[e]!)) e++;
  node.data = data.slice(0, s) + word + data.slice(e);
}

/** Edit the words just before and just after the quote (separated from it by whitespace). */
export function editAround(root: Element, quote: string, before: string, after: string): void {
  const { text } = buildTextModel(root);
  const { start, end } = offsetsOf(root, quote);
  let next = end;
  while (next < text.length && /\S/.test(text[next]!)) next++;
  while (next < text.length && !/\p{L}/u.test(text[next]!)) next++;
  replaceWordAt(root, next, after);
  let previous = start - 1;
  while (previous > 0 && /\S/.test(text[previous]!)) previous--;
  while (previous > 0 && !/\p{L}/u.test(text[previous]!)) previous--;
  replaceWordAt(root, previous, before);
}

/**
 * Replace spaces inside the quote: the first by a newline and indentation, a middle one by two
 * spaces. Returns the quote's text as it now stands.
 */
export function respace(root: Element, quote: string): string {
  const { nodes, starts } = buildTextModel(root);
  const { start, end } = offsetsOf(root, quote);
  const spaces: [Text, number][] = [];
  nodes.forEach((node, i) => {
    for (let k = 0; k < node.data.length; k++) {
      const at = starts[i]! + k;
      if (at > start && at < end && node.data[k] === ' ') spaces.push([node, k]);
    }
  });
  const first = spaces[0];
  const middle = spaces[Math.floor(spaces.length / 2)];
  if (!first || !middle || first === middle) throw new Error(`too few spaces in: ${quote}`);
  const edits: [[Text, number], string][] = [
    [middle, '  '],
    [first, '\n          '],
  ];
  // The later space first: both may be in the same node.
  for (const [[node, k], by] of edits) {
    node.data = node.data.slice(0, k) + by + node.data.slice(k + 1);
  }
  return buildTextModel(root).text.slice(start, end + 11);
}

/** Paint a Range as <mark data-annotation-id> elements around each of its text nodes. */
export function paint(range: Range, id: string): void {
  const doc = range.startContainer.ownerDocument!;
  const root = range.commonAncestorContainer;
  const { nodes } = buildTextModel(root.nodeType === 1 ? (root as Element) : root.parentElement!);
  const inRange = nodes.filter((n) => range.intersectsNode(n));
  inRange.forEach((node, i) => {
    let target = node;
    if (i === inRange.length - 1 && node === range.endContainer && range.endOffset < node.length) {
      target.splitText(range.endOffset);
    }
    if (i === 0 && node === range.startContainer && range.startOffset > 0) {
      target = target.splitText(range.startOffset);
    }
    if (target.length === 0) return;
    const mark = doc.createElement('mark');
    mark.setAttribute('data-annotation-id', id);
    target.before(mark);
    mark.append(target);
  });
}

/** The paragraph-like block holding the first character of `text`. */
export function blockOf(root: Element, text: string): Element {
  const { start } = offsetsOf(root, text);
  const { nodes, starts } = buildTextModel(root);
  let i = nodes.length - 1;
  while (starts[i]! > start) i--;
  const block = nodes[i]!.parentElement?.closest('p, li, h1, h2, h3, blockquote, figcaption, div');
  if (!block) throw new Error(`no block holds: ${text}`);
  return block;
}

/** Insert a new paragraph (with the page's usual newline + indentation) before `el`. */
export function insertParagraphBefore(el: Element, text: string): Element {
  const p = el.ownerDocument.createElement('p');
  p.textContent = text;
  el.before(p, el.ownerDocument.createTextNode('\n      '));
  return p;
}

/** Wrap the first occurrence of `words` (inside one text node) in a new `tag` element. */
export function wrapWords(root: Element, words: string, tag: string): Element {
  const node = buildTextModel(root).nodes.find((n) => n.data.includes(words));
  if (!node) throw new Error(`no text node holds: ${words}`);
  const start = node.data.indexOf(words);
  const middle = node.splitText(start);
  middle.splitText(words.length);
  const wrapper = root.ownerDocument.createElement(tag);
  middle.before(wrapper);
  wrapper.append(middle);
  return wrapper;
}
