/**
 * Painting: split Text nodes at the edges of a range and wrap the pieces in marks. Painting adds
 * no text, so the page's text (and the text model of `anchoring/text-model.ts`) is unchanged.
 * Overlaps nest: marks wrap Text nodes, so a later highlight's marks sit inside earlier ones.
 */
import type { ClaimType } from '../../core/model';
import { portionsOf } from './portions';
import { createMark, highlightSheetFor } from './style';

/**
 * The Text nodes a paint split, each with its pieces in document order (the node itself first,
 * keeping the beginning): enough to keep a text model current without walking the DOM again
 * (see splits.ts).
 */
export type Splits = Map<Text, Text[]>;

/** One range to paint with {@link paintHighlights}. */
export interface HighlightRequest {
  range: Range;
  id: string;
  type: ClaimType;
}

/**
 * Right-hand pieces of Text nodes that painting split off; removal merges only these back, so the
 * page's own adjacent Text nodes stay apart. Weak: it is state of the DOM, collected with it.
 */
const splitPieces = new WeakSet<Text>();

export function wasSplitOff(node: Text): boolean {
  return splitPieces.has(node);
}

/** A Text node cut at offsets: `pieces[i]` holds its original text from `starts[i]` on. */
interface Cut {
  pieces: Text[];
  starts: number[];
}

/** The piece and offset where original `offset` of `node` now is; an end prefers the left piece. */
function locate(cut: Cut | undefined, node: Text, offset: number, isEnd: boolean): [Text, number] {
  if (!cut) return [node, offset];
  let i = cut.starts.length - 1;
  while (i > 0 && (isEnd ? cut.starts[i]! >= offset : cut.starts[i]! > offset)) i--;
  return [cut.pieces[i]!, offset - cut.starts[i]!];
}

/** Cut every node at the given offsets, right to left, so the original node keeps the first piece. */
function cutAll(offsets: Map<Text, Set<number>>): Map<Text, Cut> {
  const cuts = new Map<Text, Cut>();
  for (const [node, set] of offsets) {
    const cut: Cut = { pieces: [node], starts: [0] };
    for (const offset of [...set].sort((a, b) => b - a)) {
      const piece = node.splitText(offset);
      splitPieces.add(piece);
      cut.pieces.splice(1, 0, piece);
      cut.starts.splice(1, 0, offset);
    }
    cuts.set(node, cut);
  }
  return cuts;
}

/**
 * Paint several ranges; returns the marks of each, in document order. Unlike painting them one by
 * one, this is safe for live ranges that overlap: all are read before the DOM changes (moving a
 * Text node into a mark moves other ranges' boundaries inside it out of it). Each range is then
 * reset to cover the same text as before. Pass `splits` to learn which Text nodes were split.
 */
export function paintHighlights(
  requests: readonly HighlightRequest[],
  splits?: Splits,
): HTMLElement[][] {
  const doc = requests[0]?.range.startContainer.ownerDocument;
  if (doc) highlightSheetFor(doc);
  const plans = requests.map((request) => ({ request, portions: portionsOf(request.range) }));
  const offsets = new Map<Text, Set<number>>();
  for (const { node, start, end, painted } of plans.flatMap((plan) => plan.portions)) {
    if (!painted) continue;
    const set = offsets.get(node) ?? new Set<number>();
    for (const offset of [start, end]) if (offset > 0 && offset < node.length) set.add(offset);
    offsets.set(node, set);
  }
  const cuts = cutAll(offsets);
  if (splits) for (const [node, cut] of cuts) splits.set(node, cut.pieces);

  // Wrap the pieces; consecutive pieces of one portion that are still siblings share a mark.
  const painted = plans.map(({ request, portions }) => {
    const marks: HTMLElement[] = [];
    for (const { node, start, end } of portions.filter((portion) => portion.painted)) {
      const cut = cuts.get(node) ?? { pieces: [node], starts: [0] };
      let mark: HTMLElement | undefined;
      cut.pieces.forEach((piece, i) => {
        if (cut.starts[i]! < start || cut.starts[i]! >= end) return;
        if (mark?.nextSibling !== piece) {
          mark = createMark(piece.ownerDocument, request.id, request.type);
          piece.before(mark);
          marks.push(mark);
        }
        mark.appendChild(piece);
      });
    }
    return marks;
  });

  if (painted.some((marks) => marks.length > 0)) {
    for (const { request, portions } of plans) {
      const first = portions[0];
      const last = portions[portions.length - 1];
      if (!first || !last) continue;
      request.range.setStart(...locate(cuts.get(first.node), first.node, first.start, false));
      request.range.setEnd(...locate(cuts.get(last.node), last.node, last.end, true));
    }
  }
  return painted;
}

/**
 * Wrap the text of `range` in marks, one per Text node portion; returns them in document order.
 * `range` is left covering the same text. To paint several live ranges made before painting, use
 * {@link paintHighlights}: they may overlap.
 */
export function paintHighlight(range: Range, id: string, type: ClaimType): HTMLElement[] {
  return paintHighlights([{ range, id, type }])[0] ?? [];
}
