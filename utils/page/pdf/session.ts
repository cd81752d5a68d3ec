/**
 * The claims of one open PDF, the PDF counterpart of utils/page/session: load them from the
 * background (by the PDF's URL and its fingerprint alias), paint each on its page's text layer
 * when PDF.js renders that page, forget the marks when the page is cleared (scrolled far away,
 * zoomed), save new ones from a selection in a text layer, and edit, delete and restore them.
 * It implements the part of the page session the in-page toolbar and card use (`ClaimSession`),
 * so the viewer shows the very same UI.
 *
 * Anchoring: a claim is looked for on its stored page first (`anchor` of utils/page/anchoring on
 * that page's text layer, the stored position made page-relative as the hint). Not there (a
 * corrected PDF moved it), its quote is searched in the whole document's text, and the claim
 * moves to the page where it is found, painted when that page renders. DOM code: the document
 * arrives as a parameter; the message client, the PDF's text and the id source are injected.
 */
import type { Annotation, PageMetadata, PdfPageRef, Selector } from '../../core/model';
import { positionSelectorOf, quoteSelectorOf } from '../../core/model';
import type {
  AnchorReport,
  Client,
  ReanchorReason,
  RequestOf,
  Result,
} from '../../protocol/to-background';
import { checkSave } from '../../protocol/to-background';
import { anchor } from '../anchoring/anchor';
import { createQuoteMatcher } from '../anchoring/match-quote';
import { buildTextModel } from '../anchoring/text-model';
import { paintHighlight, removeHighlight, setHighlightType } from '../highlight';
import { settle } from '../session/settle';
import type {
  ClaimExtent,
  ClaimSession,
  ClaimState,
  ExtentChange,
  SaveResult,
} from '../session/types';
import type { PdfText } from './document';
import { pdfExtentOf } from './extent';
import { pageAt } from '../../pdf/text';

export interface PdfSessionDeps {
  doc: Document;
  request: Client;
  text: PdfText;
  /** The key the PDF is stored under when new: its normalized URL, or its fingerprint URN. */
  url: string;
  /** Other keys it is known by (its fingerprint URN, the URL it was read at). */
  aliases: string[];
  /** Title and such, sent with the first claim. */
  metadata: PageMetadata;
  labels: readonly string[] | null;
  newId: () => string;
}

export interface PdfClaim extends ClaimState {
  /** The page it is painted on, or looked for on (-1: not found anywhere). */
  page: number;
  marks: HTMLElement[];
}

export interface PdfSession extends ClaimSession {
  /** The key the claims are stored under (the stored page's, once known). */
  url(): string;
  load(): Promise<Result<number>>;
  pageRendered(index: number, layer: HTMLElement): void;
  pageCleared(index: number): void;
  /** Claims in page order, then position; orphans last. */
  claims(): PdfClaim[];
  get(id: string): PdfClaim | undefined;
  marks(id: string): HTMLElement[];
  /** Resolves when the claims of rendered pages are painted and the lost ones looked for. */
  settled(): Promise<void>;
  /** Hide or show every highlight (Options → Hide highlights); the claims stay. */
  setVisible(visible: boolean): void;
}

export function createPdfSession(deps: PdfSessionDeps): PdfSession {
  const { request, text } = deps;
  const layers = new Map<number, HTMLElement>();
  let claims = new Map<string, PdfClaim>();
  let pageUrl = deps.url;
  let pageKnown = false;
  let title = deps.metadata.title;
  let searching: Promise<void> = Promise.resolve();
  let visible = true;
  const reports: AnchorReport[] = [];
  let reportTimer: ReturnType<typeof setTimeout> | undefined;

  const labelOf = (index: number) => deps.labels?.[index] ?? String(index + 1);

  function report(item: AnchorReport | null): void {
    if (!item) return;
    reports.push(item);
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      const results = reports.splice(0);
      if (results.length > 0) void request('annotations:anchored', { results });
    }, 200);
  }

  /** The claim's selectors relative to page `index` (position as a hint, when known). */
  function localSelectors(annotation: Annotation, index: number): Selector[] {
    const quote = quoteSelectorOf(annotation);
    const position = positionSelectorOf(annotation);
    if (!quote) return [];
    const starts = pageStartsSoFar(index);
    if (!position || starts === undefined) return [quote];
    const start = position.start - starts;
    const end = position.end - starts;
    return start >= 0 ? [quote, { type: 'TextPositionSelector', start, end }] : [quote];
  }

  /** Where page `index` starts in the document's text, when every earlier page's text is known. */
  function pageStartsSoFar(index: number): number | undefined {
    let offset = 0;
    for (let i = 0; i < index; i++) {
      const t = text.pageNow(i);
      if (t === undefined) return undefined;
      offset += t.length + 1;
    }
    return offset;
  }

  function paintPage(index: number): void {
    const layer = layers.get(index);
    if (!layer || !visible) return;
    const model = buildTextModel(layer);
    const lost: PdfClaim[] = [];
    for (const claim of claims.values()) {
      if (claim.page !== index || claim.marks.some((m) => m.isConnected)) continue;
      const found = anchor(layer, localSelectors(claim.annotation, index), model);
      if (!found) {
        lost.push(claim);
        continue;
      }
      claim.marks = paintHighlight(found.range, claim.annotation.id, claim.annotation.type);
      const settled = settle(claim.annotation, found, model.text);
      claim.status = settled.status;
      claim.start = settled.start;
      claim.annotation = settled.annotation;
      report(settled.report);
    }
    if (lost.length > 0) searchDocument(lost);
  }

  /**
   * Look for claims in the whole document; they move to where they are. `triedOwnPage`: each was
   * looked for on its page and not found there (otherwise, found on its page, it stays pending
   * and is painted when that page renders).
   */
  function searchDocument(lost: PdfClaim[], triedOwnPage = true): void {
    const from = new Map(lost.map((claim) => [claim, claim.page]));
    searching = searching.then(async () => {
      const { text: all, starts } = await text.document();
      const match = createQuoteMatcher(all);
      for (const claim of lost) {
        // Replaced (reloaded, re-attached), painted or moved by an earlier search meanwhile.
        const current = claims.get(claim.annotation.id) === claim && claim.marks.length === 0;
        if (!current || claim.page !== from.get(claim)) continue;
        const quote = quoteSelectorOf(claim.annotation);
        const found =
          quote &&
          match(quote.exact, {
            prefix: quote.prefix,
            suffix: quote.suffix,
            hint: positionSelectorOf(claim.annotation)?.start,
          });
        const page = found ? pageAt(starts, found.start) : -1;
        if (found && page === claim.page && !triedOwnPage) continue;
        if (!found || page === claim.page) {
          // Searched where it was stored and everywhere else: an orphan.
          claim.page = -1;
          const settled = settle(claim.annotation, null, all);
          claim.status = 'orphan';
          claim.annotation = settled.annotation;
          report(settled.report);
          continue;
        }
        claim.page = page;
        if (layers.has(page)) paintPage(page);
      }
    });
  }

  function unpaint(claim: PdfClaim): void {
    const layer = layers.get(claim.page);
    if (layer) removeHighlight(layer, claim.annotation.id);
    claim.marks = [];
  }

  /**
   * New words for a stored claim (re-attach an orphan, adjust its extent, undo that), on page
   * `index`: the background stores them with the page (`annotation:reanchor`, the web pages'
   * request), then the claim is painted there. Its id, type, tags, note and dates stay.
   */
  async function giveWords(
    id: string,
    extent: ClaimExtent,
    index: number,
    reason: ReanchorReason,
  ): Promise<Result<ExtentChange>> {
    const claim = claims.get(id);
    if (!claim) return { ok: false, error: 'This claim is not in this PDF.' };
    const previous = { quote: claim.annotation.quote, selectors: claim.annotation.selectors };
    const answer = await request('annotation:reanchor', {
      id,
      quote: extent.quote,
      selectors: extent.selectors,
      reason,
      pdfPage: { index, label: labelOf(index) },
    });
    if (!answer.ok) return answer;
    unpaint(claim);
    claims.set(id, { annotation: answer.value, status: 'pending', page: index, marks: [] });
    paintPage(index);
    return { ok: true, value: { annotation: answer.value, previous } };
  }

  async function save(
    range: Range,
    draft: { type: Annotation['type']; tags: string[]; note: string },
  ): Promise<SaveResult> {
    const extent = await pdfExtentOf(text, range);
    if (!extent.ok) return extent;
    const { index, layer, quote, selectors } = extent.value;
    const id = deps.newId();
    const pdfPage: PdfPageRef = { index, label: labelOf(index) };
    const saveRequest: RequestOf<'annotation:save'> = {
      annotation: { id, url: pageUrl, quote, selectors, ...draft, pdfPage },
      metadata: pageKnown ? undefined : deps.metadata,
      aliases: deps.aliases,
    };
    const checked = checkSave(saveRequest);
    if (!checked.ok) return { ok: false, error: checked.error };
    const marks = paintHighlight(range, id, draft.type);
    const answer = await request('annotation:save', saveRequest).catch((error: unknown) => ({
      ok: false as const,
      error: error instanceof Error ? error.message : String(error),
    }));
    if (!answer.ok) {
      removeHighlight(layer, id);
      return answer;
    }
    pageKnown = true;
    title ||= deps.metadata.title;
    claims.set(id, {
      annotation: { ...answer.value, anchor: { status: 'exact', at: answer.value.created } },
      status: 'exact',
      start: extent.value.start,
      page: index,
      marks,
    });
    return answer;
  }

  return {
    url: () => pageUrl,

    async load() {
      const answer = await request('page:load', { url: deps.url, aliases: deps.aliases });
      if (!answer.ok) return answer;
      for (const claim of claims.values()) unpaint(claim);
      pageKnown = answer.value.page !== null;
      pageUrl = answer.value.page?.url ?? deps.url;
      title = answer.value.page?.title || deps.metadata.title;
      claims = new Map(
        answer.value.annotations.map((annotation) => [
          annotation.id,
          {
            annotation,
            status: 'pending',
            page: annotation.pdfPage?.index ?? 0,
            marks: [],
          },
        ]),
      );
      for (const index of layers.keys()) paintPage(index);
      // Stored on a page this PDF does not have (a shorter edition): look everywhere at once.
      const beyond = [...claims.values()].filter((c) => c.page >= text.pageCount);
      if (beyond.length > 0) searchDocument(beyond);
      // Once every page's text is known, a claim whose words the PDF has nowhere is an orphan at
      // once (listed under "Not found", to re-attach), without waiting for its page to render.
      void text.all().then(
        () => {
          const waiting = [...claims.values()].filter(
            (c) => c.status === 'pending' && c.page < text.pageCount && !layers.has(c.page),
          );
          if (waiting.length > 0) searchDocument(waiting, false);
        },
        () => undefined,
      );
      return { ok: true, value: claims.size };
    },

    pageRendered(index, layer) {
      layers.set(index, layer);
      paintPage(index);
    },

    pageCleared(index) {
      layers.delete(index);
      for (const claim of claims.values()) if (claim.page === index) claim.marks = [];
    },

    save,
    retry: async () => ({ ok: false, error: 'Nothing to retry.' }),
    discard: () => false,
    unsaved: () => undefined,
    whenSettled: async () => undefined,
    async reanchor(id, range, reason) {
      const extent = await pdfExtentOf(text, range);
      if (!extent.ok) return extent;
      return giveWords(id, extent.value, extent.value.index, reason);
    },
    async setExtent(id, extent, reason) {
      // The page of a stored extent (undo of an adjustment): where its position falls.
      const position = positionSelectorOf(extent);
      const { starts } = await text.document();
      const page = position ? pageAt(starts, position.start) : (claims.get(id)?.page ?? 0);
      return giveWords(id, extent, Math.max(page, 0), reason);
    },

    async update(id, patch) {
      const answer = await request('annotation:update', { id, patch });
      const claim = claims.get(id);
      if (!answer.ok || !claim) return answer;
      claim.annotation = { ...answer.value, anchor: claim.annotation.anchor };
      const layer = layers.get(claim.page);
      if (patch.type && layer) setHighlightType(layer, id, answer.value.type);
      return answer;
    },

    async remove(id) {
      const claim = claims.get(id);
      if (!claim) return { ok: false, error: 'no claim with this id in this PDF' };
      const answer = await request('annotation:delete', { id });
      if (!answer.ok) return answer;
      unpaint(claim);
      claims.delete(id);
      return { ok: true, value: claim.annotation };
    },

    async restore(annotation) {
      const answer = await request('annotation:restore', { annotation });
      if (!answer.ok) return answer;
      const page = annotation.pdfPage?.index ?? 0;
      claims.set(annotation.id, { annotation: answer.value, status: 'pending', page, marks: [] });
      paintPage(page);
      return answer;
    },

    // `start`: the place in the document's text (page start + place on the page), as the side
    // panel sorts; the stored position for a claim on a page not rendered yet; none for orphans.
    claims: () =>
      [...claims.values()]
        .map((claim) => {
          const base = claim.page >= 0 ? pageStartsSoFar(claim.page) : undefined;
          const start =
            claim.page < 0
              ? undefined
              : base !== undefined && claim.start !== undefined
                ? base + claim.start
                : positionSelectorOf(claim.annotation)?.start;
          return { ...claim, start };
        })
        .sort(
          (a, b) =>
            (a.page < 0 ? Infinity : a.page) - (b.page < 0 ? Infinity : b.page) ||
            (a.start ?? Infinity) - (b.start ?? Infinity) ||
            a.annotation.created.localeCompare(b.annotation.created),
        ),
    get: (id) => claims.get(id),
    title: () => title,
    marks: (id) => (claims.get(id)?.marks ?? []).filter((m) => m.isConnected),
    settled: () => searching,
    setVisible(next) {
      if (next === visible) return;
      visible = next;
      if (visible) for (const index of layers.keys()) paintPage(index);
      else for (const claim of claims.values()) unpaint(claim);
    },
  };
}
