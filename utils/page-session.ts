/**
 * The claims of one open page: load them from the background, anchor and paint them, keep them
 * painted while the page changes (late content, re-renders, SPA navigation), save new ones and
 * apply edits. DOM code: the document arrives as a parameter; the message client and the
 * metadata extractor are injected, so Readability runs only when a page's first claim is saved.
 */
import type { AnchorStatus, Annotation, ClaimType, PageMetadata } from './model';
import { collapseWhitespace } from './model';
import type { AnchorReport, AnnotationPatch, Client, RequestOf, Result } from './messages';
import { parseRequest } from './messages';
import { anchor, type Anchored } from './anchoring/anchor';
import { describe } from './anchoring/describe';
import { buildTextModel, type TextModel } from './anchoring/text-model';
import { paintHighlight, paintHighlights, removeHighlight, setHighlightType } from './highlight';
import type { Splits } from './highlight/paint';
import { afterSplits, isCurrentModel } from './highlight/splits';
import { setUnsaved } from './highlight/style';
import { pageUrlsOf } from './page-url';
import { clockOf, inSlices, type SliceClock, type SliceOptions } from './slices';
import { watchDom, type DomWatcher } from './watch-dom';

export interface PageSessionDeps {
  doc: Document;
  request: Client;
  extractMetadata: (doc: Document) => PageMetadata;
  newId: () => string;
  /** Time and yielding for painting in slices; by default the document's window. */
  clock?: SliceClock;
  slices?: SliceOptions;
}

export interface ClaimDraft {
  type: ClaimType;
  tags: string[];
  note: string;
}

export interface ClaimState {
  annotation: Annotation;
  status: AnchorStatus | 'pending';
  /** Offset in the text model where it is painted (document order). */
  start?: number;
}

/** A claim the background could not store (storage full…): painted, flagged, kept for a retry. */
export interface UnsavedClaim {
  id: string;
  quote: string;
  /** Why the last attempt failed, as the background said it. */
  error: string;
  /** An attempt is under way. */
  saving: boolean;
}

/** A failed save whose claim stays painted as unsaved names it: `unsaved` is its id. */
export type SaveResult =
  | { ok: true; value: Annotation }
  | { ok: false; error: string; unsaved?: string };

export interface PageSession {
  url(): string;
  /** Load the claims of the document's current URL and paint them. */
  load(): Promise<Result<number>>;
  /**
   * Save a claim; it is painted at once. When the background cannot store it (storage full…) it
   * stays painted, flagged unsaved (`data-unsaved`), and its id comes back for retry or discard.
   */
  save(range: Range, draft: ClaimDraft): Promise<SaveResult>;
  /** Try an unsaved claim again, with the same id (saves are idempotent by id). */
  retry(id: string): Promise<SaveResult>;
  /** Give an unsaved claim up and unpaint it; false when there is none or it is being saved. */
  discard(id: string): boolean;
  unsaved(id: string): UnsavedClaim | undefined;
  update(id: string, patch: AnnotationPatch): Promise<Result<Annotation>>;
  /** Delete a claim; the deleted claim is returned so it can be restored (undo). */
  remove(id: string): Promise<Result<Annotation>>;
  restore(annotation: Annotation): Promise<Result<Annotation>>;
  /** Anchor again what is not painted (or lost its marks); cheap when nothing changed. */
  refresh(): void;
  /** The URL may have changed (SPA navigation): if so, unpaint and load the new page. */
  locationChanged(): Promise<void>;
  /** Hide or show every highlight (claims stay). */
  setVisible(visible: boolean): void;
  /** Claims in document order, orphans last. */
  claims(): ClaimState[];
  get(id: string): ClaimState | undefined;
  /** The page's title as stored (or as the document says, before the first save). */
  title(): string;
  marks(id: string): HTMLElement[];
}

export function createPageSession(deps: PageSessionDeps): PageSession {
  const { doc, request, extractMetadata, newId } = deps;
  let urls = pageUrlsOf(doc);
  let pageUrl = urls.url;
  let pageKnown = false;
  let pageTitle = '';
  let visible = true;
  let claims = new Map<string, ClaimState>();
  let lastOrphanText: string | undefined;
  let watcher: DomWatcher | undefined;

  /** The marks painted for each claim: a claim whose marks left the document is repainted. */
  const painted = new Map<string, HTMLElement[]>();
  const intact = (id: string) => painted.get(id)?.every((mark) => mark.isConnected) ?? false;

  /** Claims not stored yet, with the request that stores them: a retry sends the same id. */
  const unsaved = new Map<
    string,
    { request: RequestOf<'annotation:save'>; start: number; error: string; saving: boolean }
  >();

  /** Send an unsaved claim; on failure its marks are flagged unsaved, on success it joins the page. */
  async function store(id: string): Promise<SaveResult> {
    const pending = unsaved.get(id);
    if (!pending) return { ok: false, error: 'This claim is not waiting to be saved.' };
    if (pending.saving) return { ok: false, error: 'This claim is being saved.', unsaved: id };
    pending.saving = true;
    let answer: Result<Annotation>;
    try {
      answer = await request('annotation:save', pending.request);
    } catch (error) {
      answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      pending.saving = false;
    }
    if (!answer.ok) {
      pending.error = answer.error;
      run(() => setUnsaved(painted.get(id) ?? [], true));
      return { ...answer, unsaved: id };
    }
    unsaved.delete(id);
    run(() => setUnsaved(painted.get(id) ?? [], false));
    const { annotation, metadata } = pending.request;
    if (annotation.url !== pageUrl) return answer; // the reader moved on (SPA navigation)
    pageKnown = true;
    pageTitle ||= metadata?.title ?? '';
    const anchorRecord = { status: 'exact' as const, at: answer.value.created };
    const kept = !visible || intact(id); // marks lost meanwhile are anchored and painted again
    claims.set(id, {
      annotation: { ...answer.value, anchor: anchorRecord },
      status: kept ? 'exact' : 'pending',
      start: pending.start,
    });
    if (!kept) paintPending();
    watch();
    return answer;
  }

  function run<T>(change: () => T): T {
    return watcher ? watcher.quiet(change) : change();
  }

  function unpaint(id: string): void {
    if (!painted.has(id)) return;
    removeHighlight(doc.body, id);
    painted.delete(id);
  }

  const clock = deps.clock ?? clockOf(doc.defaultView ?? (globalThis as unknown as Window));
  /** Bumped whenever every highlight goes (new page, hidden): a paint under way stops. */
  let generation = 0;
  /** The paint under way, and whether another pass must follow it (claims changed meanwhile). */
  let painting: Promise<void> | undefined;
  let paintAgain = false;

  /**
   * Anchor and paint every claim that is not painted, in slices that yield to the page between
   * them (utils/slices.ts): a page with thousands of claims never blocks its main thread for
   * long. A page with a few claims is painted at once, in the caller's task. One pass at a time;
   * a call during a pass asks for another pass after it. Resolves when all is painted.
   */
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
        } while (paintAgain && visible);
      } finally {
        painting = undefined;
      }
    };
    painting = passes();
    return painting;
  }

  function paintPending(): void {
    void paintAll();
  }

  /**
   * One pass over one text model. Each slice anchors its claims, then paints them with one call,
   * which reads every range before changing the page (overlaps); marks of earlier slices are
   * painted over like any highlight. Painting keeps the text and only splits nodes, so the model
   * follows our paints (afterSplits); when the page itself changed it while we yielded, it is
   * built again. How the claims anchored is reported once, at the end.
   */
  async function paintPass(): Promise<void> {
    if (!visible) return;
    const root = doc.body;
    const pass = generation;
    const stopped = () => pass !== generation || !visible;
    const pending = [...claims.values()].filter(
      (c) => c.status === 'pending' || c.status === 'orphan' || !intact(c.annotation.id),
    );
    if (pending.length === 0) return;
    // Leftovers of a highlight the page partly re-rendered go first: removal merges text nodes.
    const leftovers = pending.filter((c) => painted.has(c.annotation.id));
    const unpaintLeftovers = () =>
      inSlices(
        leftovers,
        {
          open: () => undefined,
          take: (_, claim) => run(() => unpaint(claim.annotation.id)),
          close: () => undefined,
          cancelled: stopped,
        },
        clock,
        deps.slices,
      );
    // Awaited only when there are some: an await, even of nothing, would delay the painting.
    if (leftovers.length > 0 && !(await unpaintLeftovers())) return;
    let model = buildTextModel(root);
    const firstText = model.text;
    let textChanged = false;
    const onlyOrphans = pending.every((c) => c.status === 'orphan');
    if (onlyOrphans && firstText === lastOrphanText) return; // nothing new to look in

    const reports: AnchorReport[] = [];
    type Slice = { model: TextModel; results: { claim: ClaimState; found: Anchored | null }[] };
    const done = await inSlices<ClaimState, Slice>(
      pending,
      {
        open() {
          // Our paints are followed (afterSplits); the page's own changes make a new model.
          if (!isCurrentModel(model)) {
            model = buildTextModel(root);
            textChanged ||= model.text !== firstText;
          }
          return { model, results: [] };
        },
        take(slice, claim) {
          // Deleted, or replaced by a reload, since the pass began.
          if (claims.get(claim.annotation.id) !== claim) return;
          slice.results.push({
            claim,
            found: anchor(root, claim.annotation.selectors, slice.model),
          });
        },
        close(slice) {
          const { results } = slice;
          const found = results.flatMap(({ claim, found }) => (found ? [{ claim, found }] : []));
          const splits: Splits = new Map();
          run(() => {
            const marks = paintHighlights(
              found.map(({ claim, found }) => ({
                range: found.range,
                id: claim.annotation.id,
                type: claim.annotation.type,
              })),
              splits,
            );
            found.forEach(({ claim }, i) => painted.set(claim.annotation.id, marks[i] ?? []));
          });
          if (slice.model === model) model = afterSplits(model, splits);
          for (const { claim, found } of results) {
            const report = settle(claim, found, slice.model.text);
            if (report) reports.push(report);
          }
        },
        cancelled: stopped,
      },
      clock,
      deps.slices,
    );
    if (done) {
      lastOrphanText =
        !textChanged && [...claims.values()].some((c) => c.status === 'orphan')
          ? firstText
          : undefined;
    }
    if (reports.length > 0) void request('annotations:anchored', { results: reports });
  }

  /** Record how a claim anchored; the report to send when that differs from the stored record. */
  function settle(claim: ClaimState, found: Anchored | null, text: string): AnchorReport | null {
    const status: AnchorStatus = found ? found.status : 'orphan';
    const landed =
      found && status === 'approximate'
        ? collapseWhitespace(text.slice(found.start, found.end))
        : undefined;
    claim.status = status;
    claim.start = found?.start;
    const last = claim.annotation.anchor;
    if (last && last.status === status && last.text === landed) return null;
    const at = new Date().toISOString();
    claim.annotation = {
      ...claim.annotation,
      anchor: landed === undefined ? { status, at } : { status, at, text: landed },
    };
    return landed === undefined
      ? { id: claim.annotation.id, status }
      : { id: claim.annotation.id, status, text: landed };
  }

  function watch(): void {
    if (!watcher && claims.size > 0) watcher = watchDom(doc, () => paintPending());
  }

  function unpaintAll(): void {
    generation++;
    run(() => [...painted.keys()].forEach(unpaint));
  }

  async function load(): Promise<Result<number>> {
    urls = pageUrlsOf(doc);
    const answer = await request('page:load', urls);
    if (!answer.ok) return answer;
    unpaintAll();
    pageKnown = answer.value.page !== null;
    pageTitle = answer.value.page?.title ?? '';
    pageUrl = answer.value.page?.url ?? urls.url;
    claims = new Map(
      answer.value.annotations.map((a) => [a.id, { annotation: a, status: 'pending' }]),
    );
    lastOrphanText = undefined;
    watch();
    await paintAll();
    return { ok: true, value: claims.size };
  }

  return {
    url: () => pageUrl,
    load,

    async save(range, draft) {
      const root = doc.body;
      const model = buildTextModel(root);
      const selectors = describe(root, range, model);
      const quote = selectors ? collapseWhitespace(selectors[0].exact) : '';
      if (!selectors || !quote) return { ok: false, error: 'The selection holds no page text.' };
      const id = newId();
      const metadata = pageKnown ? undefined : extractMetadata(doc);
      const saveRequest: RequestOf<'annotation:save'> = {
        annotation: { id, url: pageUrl, quote, selectors, ...draft },
        metadata,
        aliases: urls.aliases,
      };
      // A claim the background would refuse (too long…) is never painted as "retry later".
      const checked = parseRequest({ type: 'annotation:save', payload: saveRequest });
      if (!checked.ok) return { ok: false, error: checked.error };
      if (visible) run(() => painted.set(id, paintHighlight(range, id, draft.type)));
      unsaved.set(id, {
        request: saveRequest,
        start: selectors[1].start,
        error: '',
        saving: false,
      });
      return store(id);
    },

    retry: store,

    discard(id) {
      const pending = unsaved.get(id);
      if (!pending || pending.saving) return false;
      unsaved.delete(id);
      run(() => unpaint(id));
      return true;
    },

    unsaved(id) {
      const pending = unsaved.get(id);
      if (!pending) return undefined;
      const { quote } = pending.request.annotation;
      return { id, quote, error: pending.error, saving: pending.saving };
    },

    async update(id, patch) {
      const answer = await request('annotation:update', { id, patch });
      const claim = claims.get(id);
      if (!answer.ok || !claim) return answer;
      claim.annotation = { ...answer.value, anchor: claim.annotation.anchor };
      if (patch.type) run(() => setHighlightType(doc.body, id, answer.value.type));
      return answer;
    },

    async remove(id) {
      const claim = claims.get(id);
      if (!claim) return { ok: false, error: 'no claim with this id on this page' };
      const answer = await request('annotation:delete', { id });
      if (!answer.ok) return answer;
      run(() => unpaint(id));
      claims.delete(id);
      return { ok: true, value: claim.annotation };
    },

    async restore(annotation) {
      const answer = await request('annotation:restore', { annotation });
      if (!answer.ok) return answer;
      claims.set(annotation.id, { annotation: answer.value, status: 'pending' });
      paintPending();
      watch();
      return answer;
    },

    refresh: paintPending,

    async locationChanged() {
      const next = pageUrlsOf(doc);
      if (next.url === urls.url) return;
      unpaintAll();
      claims = new Map();
      await load();
    },

    setVisible(next) {
      if (next === visible) return;
      visible = next;
      if (visible) {
        for (const claim of claims.values())
          if (claim.status !== 'orphan') claim.status = 'pending';
        paintPending();
      } else {
        unpaintAll();
      }
    },

    claims: () =>
      [...claims.values()].sort(
        (a, b) =>
          (a.start ?? Infinity) - (b.start ?? Infinity) ||
          a.annotation.created.localeCompare(b.annotation.created),
      ),
    get: (id) => claims.get(id),
    title: () => pageTitle || collapseWhitespace(doc.title),
    marks: (id) => (painted.get(id) ?? []).filter((mark) => mark.isConnected),
  };
}
