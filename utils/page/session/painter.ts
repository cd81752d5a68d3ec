/**
 * Anchors and paints the session's claims that are not painted, in slices that yield to the page
 * between them (utils/core/slices.ts): a page with thousands of claims never blocks its main thread
 * for long, a page with a few is painted at once, in the caller's task. It works on the shared
 * session state passed in and keeps only its own bookkeeping: the pass under way, whether another
 * must follow, a generation that stops a pass when every highlight goes, and the text in which
 * the orphans were last looked for (so a page that did not change is not searched again).
 */
import type { AnchorReport, Client } from '../../protocol/to-background';
import { locateIn, type Located } from '../anchoring/anchor';
import { buildTextModel, type TextModel } from '../anchoring/text-model';
import { paintOffsets, type Splits } from '../highlight/paint';
import { afterSplits, isCurrentModel } from '../highlight/splits';
import { inSlices, type SliceClock, type SliceOptions } from '../../core/slices';
import { settle } from './settle';
import { intact, run, unpaint, type SessionState } from './state';
import type { ClaimState } from './types';

export interface PainterDeps {
  request: Client;
  clock: SliceClock;
  slices?: SliceOptions;
}

export interface Painter {
  /** Paint what is not painted; one pass at a time. Resolves when all is painted. */
  paintAll(): Promise<void>;
  /** `paintAll` without waiting for it. */
  paintPending(): void;
  /** Unpaint every claim and stop a pass under way. */
  unpaintAll(): void;
  /** A new page: the orphans were never looked for in its text. */
  forgetOrphanText(): void;
}

export function createPainter(state: SessionState, deps: PainterDeps): Painter {
  const { request, clock } = deps;
  /** Bumped whenever every highlight goes (new page, hidden): a paint under way stops. */
  let generation = 0;
  /** The paint under way, and whether another pass must follow it (claims changed meanwhile). */
  let painting: Promise<void> | undefined;
  let paintAgain = false;
  let lastOrphanText: string | undefined;

  /** A call during a pass asks for another pass after it. */
  function paintAll(): Promise<void> {
    if (painting) {
      paintAgain = true;
      return painting;
    }
    const passes = async () => {
      try {
        do {
          paintAgain = false;
          await paintPass();
        } while (paintAgain && state.visible);
      } finally {
        painting = undefined;
      }
    };
    painting = passes();
    return painting;
  }

  /**
   * One pass over one text model. Each slice anchors its claims to offsets of its model (no
   * Ranges: `locateIn`), then paints them from those offsets with one call (`paintOffsets`), which
   * reads every claim's portions before changing the page (overlaps); marks of earlier slices are
   * painted over like any highlight. Painting keeps the text and only splits nodes, so the model
   * follows our paints (afterSplits); when the page itself changed it while we yielded, it is
   * built again. How the claims anchored is reported once, at the end.
   */
  async function paintPass(): Promise<void> {
    if (!state.visible) return;
    const root = state.doc.body;
    const pass = generation;
    const stopped = () => pass !== generation || !state.visible;
    const pending = [...state.claims.values()].filter(
      (c) => c.status === 'pending' || c.status === 'orphan' || !intact(state, c.annotation.id),
    );
    if (pending.length === 0) return;
    // Leftovers of a highlight the page partly re-rendered go first: removal merges text nodes.
    const leftovers = pending.filter((c) => state.painted.has(c.annotation.id));
    const unpaintLeftovers = () =>
      inSlices(
        leftovers,
        {
          open: () => undefined,
          take: (_, claim) => run(state, () => unpaint(state, claim.annotation.id)),
          close: () => undefined,
          cancelled: stopped,
        },
        clock,
        deps.slices,
      );
    // Awaited only when there are some: an await, even of nothing, would delay the painting.
    if (leftovers.length > 0 && !(await unpaintLeftovers())) return;
    let model = buildTextModel(root);
    /** Just built: the first slice need not check it. */
    let fresh = true;
    /** Our paints since the model was built or brought up to date: applied when a slice needs it. */
    let splitsSince: Splits[] = [];
    const firstText = model.text;
    let textChanged = false;
    const onlyOrphans = pending.every((c) => c.status === 'orphan');
    if (onlyOrphans && firstText === lastOrphanText) return; // nothing new to look in

    const reports: AnchorReport[] = [];
    type Slice = { model: TextModel; results: { claim: ClaimState; found: Located | null }[] };
    const done = await inSlices<ClaimState, Slice>(
      pending,
      {
        open() {
          // Our paints are followed (afterSplits, only when another slice comes: a page with a
          // few claims is painted in one); the page's own changes make a new model.
          for (const splits of splitsSince) model = afterSplits(model, splits);
          splitsSince = [];
          if (!fresh && !isCurrentModel(model)) {
            model = buildTextModel(root);
            textChanged ||= model.text !== firstText;
          }
          fresh = false;
          return { model, results: [] };
        },
        take(slice, claim) {
          // Deleted, or replaced by a reload, since the pass began.
          if (state.claims.get(claim.annotation.id) !== claim) return;
          slice.results.push({
            claim,
            found: locateIn(slice.model, claim.annotation.selectors),
          });
        },
        close(slice) {
          const { results } = slice;
          const found = results.flatMap(({ claim, found }) => (found ? [{ claim, found }] : []));
          const splits: Splits = new Map();
          run(state, () => {
            const marks = paintOffsets(
              slice.model,
              found.map(({ claim, found }) => ({
                start: found.start,
                end: found.end,
                id: claim.annotation.id,
                type: claim.annotation.type,
              })),
              splits,
            );
            found.forEach(({ claim }, i) => state.painted.set(claim.annotation.id, marks[i] ?? []));
          });
          if (slice.model === model) splitsSince.push(splits);
          for (const { claim, found } of results) {
            const settled = settle(claim.annotation, found, slice.model.text);
            claim.status = settled.status;
            claim.start = settled.start;
            claim.placedByQuote = found?.placedByQuote === true;
            claim.annotation = settled.annotation;
            if (settled.report) reports.push(settled.report);
          }
        },
        cancelled: stopped,
      },
      clock,
      deps.slices,
    );
    if (done) {
      lastOrphanText =
        !textChanged && [...state.claims.values()].some((c) => c.status === 'orphan')
          ? firstText
          : undefined;
    }
    if (reports.length > 0) void request('annotations:anchored', { results: reports });
  }

  return {
    paintAll,
    paintPending: () => void paintAll(),
    unpaintAll() {
      generation++;
      run(state, () => [...state.painted.keys()].forEach((id) => unpaint(state, id)));
    },
    forgetOrphanText() {
      lastOrphanText = undefined;
    },
  };
}
