/**
 * 200 claims on guardian-1, generated deterministically (seeded PRNG) from the article text:
 * figures and names, a few words, sentences, long multi-sentence spans, and spans crossing
 * element boundaries (paragraph to paragraph, across links and the drop cap). Each is described
 * with our describe() on the original page, exactly as the content script would save it.
 */
import { describe } from '../../../utils/page/anchoring/describe';
import { buildTextModel, rangeFromOffsets } from '../../../utils/page/anchoring/text-model';
import type { Selector } from '../../../utils/core/model';
import type { RefModel } from './dom-model';
import { refModel, trimSpan } from './dom-model';
import type { Rng } from '../../support/random';

export type ClaimKind =
  | 'figure'
  | 'name'
  | 'words'
  | 'sentence'
  | 'long'
  | 'cross-block'
  | 'cross-inline';

export interface Block {
  el: Element;
  /** Trimmed span of the block's text in the ORIGINAL page's text model. */
  start: number;
  end: number;
  /** An article paragraph (not the headline, standfirst, a subheading or a caption). */
  paragraph: boolean;
  words: [number, number][];
  /** Sentences as [first word, last word] indexes into `words`. */
  sentences: [number, number][];
}

export interface Claim {
  id: number;
  kind: ClaimKind;
  /** Span in the original page's text model. */
  start: number;
  end: number;
  /** Block index of the start (and of the end, for cross-block claims). */
  block: number;
  endBlock: number;
  exact: string;
  selectors: Selector[];
}

/** The article's text blocks, in document order: headline, standfirst, body paragraphs, subheadings, captions. */
export function articleBlockElements(doc: Document): { el: Element; paragraph: boolean }[] {
  const out: { el: Element; paragraph: boolean }[] = [];
  const headline = doc.querySelector('h1.content__headline');
  if (headline) out.push({ el: headline, paragraph: false });
  const standfirst = doc.querySelector('.content__standfirst');
  if (standfirst) out.push({ el: standfirst, paragraph: false });
  const body = doc.querySelector('.content__article-body');
  if (!body) throw new Error('guardian-1: no .content__article-body');
  for (const child of Array.from(body.children)) {
    if (child.localName === 'p') out.push({ el: child, paragraph: true });
    else if (child.localName === 'h2') out.push({ el: child, paragraph: false });
    else if (child.localName === 'ul') {
      for (const p of Array.from(child.querySelectorAll('li p')))
        out.push({ el: p, paragraph: false });
    }
  }
  return out;
}

function spanOf(ref: RefModel, el: Element): [number, number] | null {
  let start = -1;
  let end = -1;
  const walker = el.ownerDocument.createTreeWalker(el, 0x4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const i = ref.index.get(node as Text);
    if (i === undefined || ref.modelStarts[i]! < 0) continue;
    if (start < 0) start = ref.modelStarts[i]!;
    end = ref.modelStarts[i]! + (node as Text).data.length;
  }
  if (start < 0) return null;
  const [s, e] = trimSpan(ref.text, start, end);
  return s < e ? [s, e] : null;
}

const SENTENCE_END = /[.!?][”’"')]*$/;
const SENTENCE_START = /^[“‘"'(]*[\p{Lu}\d]/u;

export function articleBlocks(doc: Document, ref: RefModel): Block[] {
  const blocks: Block[] = [];
  for (const { el, paragraph } of articleBlockElements(doc)) {
    const span = spanOf(ref, el);
    if (!span) continue;
    const [start, end] = span;
    const words: [number, number][] = [];
    for (const m of ref.text.slice(start, end).matchAll(/\S+/g)) {
      words.push([start + m.index, start + m.index + m[0].length]);
    }
    const sentences: [number, number][] = [];
    let first = 0;
    words.forEach(([s, e], i) => {
      const next = words[i + 1];
      const word = ref.text.slice(s, e);
      if (!next || (SENTENCE_END.test(word) && SENTENCE_START.test(ref.text.slice(...next)))) {
        sentences.push([first, i]);
        first = i + 1;
      }
    });
    blocks.push({ el, start, end, paragraph, words, sentences });
  }
  return blocks;
}

const KINDS: [ClaimKind, number][] = [
  ['figure', 12],
  ['name', 8],
  ['words', 25],
  ['sentence', 22],
  ['long', 12],
  ['cross-block', 12],
  ['cross-inline', 9],
];

function pickKind(rng: Rng): ClaimKind {
  let r = rng.next() * KINDS.reduce((sum, [, w]) => sum + w, 0);
  for (const [kind, w] of KINDS) {
    r -= w;
    if (r < 0) return kind;
  }
  return 'words';
}

const EDGE_PUNCT_START = /^[“‘"'(]+/;
const EDGE_PUNCT_END = /[,.;:!?”’"')]+$/;

/** A word's span without quotes and punctuation at its edges. */
function bareWord(text: string, [s, e]: [number, number]): [number, number] {
  const word = text.slice(s, e);
  const lead = EDGE_PUNCT_START.exec(word)?.[0].length ?? 0;
  const trail = EDGE_PUNCT_END.exec(word.slice(lead))?.[0].length ?? 0;
  return [s + lead, e - trail];
}

interface Span {
  kind: ClaimKind;
  start: number;
  end: number;
  block: number;
  endBlock: number;
}

/**
 * `deleteCount` paragraphs are chosen first for the edited variant to delete: a claim touching
 * one lies wholly inside it, so its correct answer on the edited page is unambiguous (an orphan).
 */
export function generateClaims(
  doc: Document,
  rng: Rng,
  count: number,
  deleteCount: number,
): { claims: Claim[]; blocks: Block[]; deleted: Set<number> } {
  const root = doc.body;
  const ref = refModel(root);
  const model = buildTextModel(root);
  if (model.text !== ref.text) throw new Error('bench: text model differs from the reference walk');
  const blocks = articleBlocks(doc, ref);
  const text = ref.text;
  const deleted = new Set<number>();
  const deletable = blocks.map((b, i) => (b.paragraph && i > 4 ? i : -1)).filter((i) => i >= 0);
  while (deleted.size < deleteCount) {
    const i = rng.pick(deletable);
    if (!deleted.has(i - 1) && !deleted.has(i + 1)) deleted.add(i);
  }

  // Short candidates: figures (a token with a digit, sometimes with the next word) and names.
  const figures: Span[] = [];
  const names: Span[] = [];
  blocks.forEach((b, bi) => {
    b.words.forEach((w, wi) => {
      const [s, e] = bareWord(text, w);
      if (s >= e) return;
      const word = text.slice(s, e);
      if (/\d/.test(word)) {
        figures.push({ kind: 'figure', start: s, end: e, block: bi, endBlock: bi });
        const next = b.words[wi + 1];
        if (next && /^\p{Ll}+$/u.test(text.slice(...next))) {
          figures.push({ kind: 'figure', start: s, end: next[1], block: bi, endBlock: bi });
        }
      }
      const next = b.words[wi + 1];
      if (next && /^\p{Lu}\p{Ll}+$/u.test(word) && e === w[1] && wi > 0) {
        const [ns, ne] = bareWord(text, next);
        if (/^\p{Lu}\p{Ll}+$/u.test(text.slice(ns, ne)) && ns === next[0]) {
          names.push({ kind: 'name', start: s, end: ne, block: bi, endBlock: bi });
        }
      }
    });
  });
  // Inline crossings: spans around links, emphasis and the drop cap inside paragraphs.
  const inline: Span[] = [];
  blocks.forEach((b, bi) => {
    if (!b.paragraph) return;
    for (const el of Array.from(b.el.querySelectorAll('a, em, strong, .drop-cap'))) {
      const span = spanOf(ref, el);
      if (!span) continue;
      const wi = b.words.findIndex(([, e]) => e > span[0]);
      let wj = b.words.findIndex(([, e]) => e >= span[1]);
      if (wi < 0) continue;
      if (wj < 0) wj = b.words.length - 1;
      const from = Math.max(0, wi - rng.int(0, 3));
      const to = Math.min(b.words.length - 1, wj + rng.int(1, 3));
      inline.push({
        kind: 'cross-inline',
        start: b.words[from]![0],
        end: b.words[to]![1],
        block: bi,
        endBlock: bi,
      });
    }
  });

  const usable = blocks.map((_, i) => i).filter((i) => blocks[i]!.words.length >= 3);
  const spans: Span[] = [];
  const seen = new Set<string>();
  let guard = 0;
  while (spans.length < count && guard++ < count * 50) {
    const kind = pickKind(rng);
    let span: Span | null = null;
    if (kind === 'figure') span = rng.pick(figures);
    else if (kind === 'name') span = names.length ? rng.pick(names) : null;
    else if (kind === 'cross-inline') span = inline.length ? rng.pick(inline) : null;
    else if (kind === 'cross-block') {
      const bi = rng.pick(usable);
      const bj = bi + 1;
      const b = blocks[bi]!;
      const c = blocks[bj];
      if (!c || deleted.has(bi) || deleted.has(bj)) continue;
      const k = Math.min(b.words.length, rng.int(2, 8));
      const j = Math.min(c.words.length, rng.int(2, 8));
      span = {
        kind,
        start: b.words[b.words.length - k]![0],
        end: c.words[j - 1]![1],
        block: bi,
        endBlock: bj,
      };
    } else {
      const bi = rng.pick(usable);
      const b = blocks[bi]!;
      if (kind === 'words') {
        const [f, l] = rng.pick(b.sentences);
        const n = Math.min(l - f + 1, rng.int(2, 6));
        const from = rng.int(f, l - n + 1);
        span = {
          kind,
          start: b.words[from]![0],
          end: b.words[from + n - 1]![1],
          block: bi,
          endBlock: bi,
        };
      } else if (kind === 'sentence') {
        const [f, l] = rng.pick(b.sentences);
        span = { kind, start: b.words[f]![0], end: b.words[l]![1], block: bi, endBlock: bi };
      } else {
        // long: 2-4 sentences; past the block's end it continues into the next block.
        const si = rng.int(0, b.sentences.length - 1);
        const n = rng.int(2, 4);
        const inBlock = b.sentences.slice(si, si + n);
        let end = b.words[inBlock[inBlock.length - 1]![1]]![1];
        let endBlock = bi;
        const c = blocks[bi + 1];
        if (inBlock.length < n && c && !deleted.has(bi) && !deleted.has(bi + 1)) {
          end = c.words[c.sentences[0]![1]]![1];
          endBlock = bi + 1;
        }
        span = { kind, start: b.words[b.sentences[si]![0]]![0], end, block: bi, endBlock };
      }
    }
    if (!span) continue;
    // A claim touching a deleted block must lie inside it.
    if (span.block !== span.endBlock && (deleted.has(span.block) || deleted.has(span.endBlock)))
      continue;
    const key = `${span.start}:${span.end}`;
    // The same figure may be saved twice, other spans once.
    if (seen.has(key) && kind !== 'figure') continue;
    seen.add(key);
    spans.push(span);
  }
  if (spans.length < count) throw new Error(`bench: only ${spans.length} claims generated`);

  const claims = spans.map((span, id): Claim => {
    const range = rangeFromOffsets(model, span.start, span.end);
    const selectors = range && describe(root, range, model);
    if (!selectors) throw new Error(`bench: describe() failed for claim ${id}`);
    const [quote, position] = selectors;
    if (position.start !== span.start || position.end !== span.end) {
      throw new Error(`bench: describe() moved claim ${id} (${span.start}-${span.end})`);
    }
    return { id, ...span, exact: quote.exact, selectors };
  });
  return { claims, blocks, deleted };
}
