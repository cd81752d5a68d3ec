/**
 * Painting: split Text nodes at the edges of a range and wrap the pieces in marks. Painting adds
 * no text, so the page's text (and the text model of `anchoring/text-model.ts`) is unchanged.
 * Overlaps nest: marks wrap Text nodes, so a later highlight's marks sit inside earlier ones.
 */
import type { ClaimType } from '../../core/model';
import type { TextModel } from '../anchoring/text-model';
import { portionsIn, portionsOf, type Portion } from './portions';
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

/** What one highlight paints: its portions (portions.ts), as a mark of `type` for `id`. */
interface Plan {
  id: string;
  type: ClaimType;
  portions: Portion[];
}

/**
 * Split the Text nodes of every plan's painted portions, then wrap the pieces; returns the marks
 * of each plan, in document order, and the cuts made. All portions are read before the DOM
 * changes, so plans may overlap.
 */
function paintPlans(
  doc: Document,
  plans: readonly Plan[],
  splits: Splits | undefined,
): { painted: HTMLElement[][]; cuts: Map<Text, Cut> } {
  highlightSheetFor(doc);
  const offsets = new Map<Text, Set<number>>();
  for (const { portions } of plans) {
    for (const { node, start, end, length, painted } of portions) {
      if (!painted) continue;
      let set = offsets.get(node);
      if (!set) offsets.set(node, (set = new Set<number>()));
      if (start > 0) set.add(start);
      if (end < length) set.add(end);
    }
  }
  const cuts = cutAll(offsets);
  if (splits) for (const [node, cut] of cuts) splits.set(node, cut.pieces);

  // Wrap the pieces; consecutive pieces of one portion that are still siblings share a mark.
  const painted = plans.map(({ id, type, portions }) => {
    const marks: HTMLElement[] = [];
    for (const { node, start, end, painted } of portions) {
      if (!painted) continue;
      const cut = cuts.get(node) ?? { pieces: [node], starts: [0] };
      let mark: HTMLElement | undefined;
      for (let i = 0; i < cut.pieces.length; i++) {
        const piece = cut.pieces[i]!;
        if (cut.starts[i]! < start || cut.starts[i]! >= end) continue;
        if (!mark || mark.nextSibling !== piece) {
          mark = createMark(doc, id, type);
          piece.before(mark);
          marks.push(mark);
        }
        mark.appendChild(piece);
      }
    }
    return marks;
  });
  return { painted, cuts };
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
  if (!doc) return requests.map(() => []);
  const plans = requests.map(({ range, id, type }) => ({ id, type, portions: portionsOf(range) }));
  const { painted, cuts } = paintPlans(doc, plans, splits);

  if (painted.some((marks) => marks.length > 0)) {
    plans.forEach(({ portions }, i) => {
      const first = portions[0];
      const last = portions[portions.length - 1];
      if (!first || !last) return;
      const { range } = requests[i]!;
      range.setStart(...locate(cuts.get(first.node), first.node, first.start, false));
      range.setEnd(...locate(cuts.get(last.node), last.node, last.end, true));
    });
  }
  return painted;
}

/** One highlight to paint with {@link paintOffsets}: offsets `[start, end)` of a text model. */
export interface OffsetRequest {
  start: number;
  end: number;
  id: string;
  type: ClaimType;
}

/**
 * {@link paintHighlights} for offsets of a text model, without Ranges: the portions come from the
 * model (`portionsIn`), which must be current (just built, or checked with `isCurrentModel`, and
 * not painted since without `afterSplits`). What the painter does with the claims it anchored
 * with `locateIn`: no Range to make, walk, keep live through the splits and reset afterwards.
 */
export function paintOffsets(
  model: TextModel,
  requests: readonly OffsetRequest[],
  splits?: Splits,
): HTMLElement[][] {
  if (requests.length === 0) return [];
  const parents = new Map<ParentNode, boolean>();
  const plans = requests.map(({ start, end, id, type }) => ({
    id,
    type,
    portions: portionsIn(model, start, end, parents),
  }));
  return paintPlans(model.root.ownerDocument, plans, splits).painted;
}

/**
 * Wrap the text of `range` in marks, one per Text node portion; returns them in document order.
 * `range` is left covering the same text. To paint several live ranges made before painting, use
 * {@link paintHighlights}: they may overlap.
 */
export function paintHighlight(range: Range, id: string, type: ClaimType): HTMLElement[] {
  return paintHighlights([{ range, id, type }])[0] ?? [];
}
