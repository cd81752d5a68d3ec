/**
 * The claims of one open page: load them from the background, anchor and paint them, keep them
 * painted while the page changes (late content, re-renders, SPA navigation), save new ones and
 * apply edits. DOM code: the document arrives as a parameter; the message client and the
 * metadata extractor are injected, so Readability runs only when a page's first claim is saved.
 */
import type { AnchorStatus, Annotation, ClaimType, PageMetadata } from './model';
import { collapseWhitespace } from './model';
import type { AnchorReport, AnnotationPatch, Client, Result } from './messages';
import { anchor } from './anchoring/anchor';
import { describe } from './anchoring/describe';
import { buildTextModel } from './anchoring/text-model';
import { paintHighlight, paintHighlights, removeHighlight, setHighlightType } from './highlight';
import { pageUrlsOf } from './page-url';
import { watchDom, type DomWatcher } from './watch-dom';

export interface PageSessionDeps {
  doc: Document;
  request: Client;
  extractMetadata: (doc: Document) => PageMetadata;
  newId: () => string;
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

export interface PageSession {
  url(): string;
  /** Load the claims of the document's current URL and paint them. */
  load(): Promise<Result<number>>;
  save(range: Range, draft: ClaimDraft): Promise<Result<Annotation>>;
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

  function run<T>(change: () => T): T {
    return watcher ? watcher.quiet(change) : change();
  }

  function unpaint(id: string): void {
    if (!painted.has(id)) return;
    removeHighlight(doc.body, id);
    painted.delete(id);
  }

  /** Anchor every claim that is not painted, against one text model; then paint them all. */
  function paintPending(): void {
    if (!visible) return;
    const root = doc.body;
    const pending = [...claims.values()].filter(
      (c) => c.status === 'pending' || c.status === 'orphan' || !intact(c.annotation.id),
    );
    if (pending.length === 0) return;
    // Leftovers of a highlight the page partly re-rendered go first: removal merges text nodes.
    run(() => pending.forEach((c) => unpaint(c.annotation.id)));
    const model = buildTextModel(root);
    const onlyOrphans = pending.every((c) => c.status === 'orphan');
    if (onlyOrphans && model.text === lastOrphanText) return; // nothing new to look in
    const results = pending.map((claim) => ({
      claim,
      found: anchor(root, claim.annotation.selectors, model),
    }));
    const found = results.flatMap(({ claim, found }) => (found ? [{ claim, found }] : []));
    // One call paints them all: it reads every range before it changes the page (overlaps).
    run(() => {
      const marks = paintHighlights(
        found.map(({ claim, found }) => ({
          range: found.range,
          id: claim.annotation.id,
          type: claim.annotation.type,
        })),
      );
      found.forEach(({ claim }, i) => painted.set(claim.annotation.id, marks[i] ?? []));
    });
    const reports: AnchorReport[] = [];
    for (const { claim, found } of results) {
      const status: AnchorStatus = found ? found.status : 'orphan';
      const text =
        found && status === 'approximate'
          ? collapseWhitespace(model.text.slice(found.start, found.end))
          : undefined;
      claim.status = status;
      claim.start = found?.start;
      const last = claim.annotation.anchor;
      if (last && last.status === status && last.text === text) continue;
      reports.push(
        text === undefined
          ? { id: claim.annotation.id, status }
          : { id: claim.annotation.id, status, text },
      );
      const at = new Date().toISOString();
      claim.annotation = {
        ...claim.annotation,
        anchor: text === undefined ? { status, at } : { status, at, text },
      };
    }
    lastOrphanText = [...claims.values()].some((c) => c.status === 'orphan')
      ? model.text
      : undefined;
    if (reports.length > 0) void request('annotations:anchored', { results: reports });
  }

  function watch(): void {
    if (!watcher && claims.size > 0) watcher = watchDom(doc, () => paintPending());
  }

  function unpaintAll(): void {
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
    paintPending();
    watch();
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
      if (visible) run(() => painted.set(id, paintHighlight(range, id, draft.type)));
      const metadata = pageKnown ? undefined : extractMetadata(doc);
      const answer = await request('annotation:save', {
        annotation: { id, url: pageUrl, quote, selectors, ...draft },
        metadata,
        aliases: urls.aliases,
      });
      if (!answer.ok) {
        run(() => unpaint(id));
        return answer;
      }
      pageKnown = true;
      pageTitle ||= metadata?.title ?? '';
      const anchorRecord = { status: 'exact' as const, at: answer.value.created };
      claims.set(id, {
        annotation: { ...answer.value, anchor: anchorRecord },
        status: 'exact',
        start: selectors[1].start,
      });
      watch();
      return answer;
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
