/**
 * The claims of one open page: load them from the background, anchor and paint them, keep them
 * painted while the page changes (late content, re-renders, SPA navigation), and save new ones.
 * DOM code: the document arrives as a parameter; the message client and the metadata extractor
 * are injected, so Readability runs only when the first claim of a page is saved.
 */
import type { AnchorStatus, Annotation, ClaimType, PageMetadata } from './model';
import { collapseWhitespace } from './model';
import type { AnchorReport, Client, Result } from './messages';
import { anchor } from './anchoring/anchor';
import { describe } from './anchoring/describe';
import { buildTextModel } from './anchoring/text-model';
import { paintHighlight, paintHighlights, removeHighlight } from './highlight';
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
}

export interface PageSession {
  url(): string;
  /** Load the claims of the document's current URL and paint them. */
  load(): Promise<Result<number>>;
  save(range: Range, draft: ClaimDraft): Promise<Result<Annotation>>;
  /** Anchor again what is not painted (or lost its marks); cheap when nothing changed. */
  refresh(): void;
  /** The URL may have changed (SPA navigation): if so, unpaint and load the new page. */
  locationChanged(): Promise<void>;
  claims(): ClaimState[];
}

export function createPageSession(deps: PageSessionDeps): PageSession {
  const { doc, request, extractMetadata, newId } = deps;
  let urls = pageUrlsOf(doc);
  let pageUrl = urls.url;
  let pageKnown = false;
  let claims = new Map<string, ClaimState>();
  let lastOrphanText: string | undefined;
  let watcher: DomWatcher | undefined;

  /** The marks painted for each claim: a claim whose marks left the document is repainted. */
  const painted = new Map<string, HTMLElement[]>();
  const intact = (id: string) => painted.get(id)?.every((mark) => mark.isConnected) ?? false;

  function unpaint(id: string): void {
    if (!painted.has(id)) return;
    removeHighlight(doc.body, id);
    painted.delete(id);
  }

  /** Anchor every claim that is not painted, against one text model; then paint them all. */
  function paintPending(): void {
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
    const results = pending.map((c) => ({
      claim: c,
      found: anchor(root, c.annotation.selectors, model),
    }));
    const found = results.filter((r) => r.found !== null);
    // One call paints them all: it reads every range before it changes the page (overlaps).
    run(() => {
      const marks = paintHighlights(
        found.map(({ claim, found }) => ({
          range: found!.range,
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
      const last = claim.annotation.anchor;
      if (last && last.status === status && last.text === text) continue;
      const report: AnchorReport =
        text === undefined
          ? { id: claim.annotation.id, status }
          : { id: claim.annotation.id, status, text };
      reports.push(report);
      claim.annotation = {
        ...claim.annotation,
        anchor: { status, at: new Date().toISOString(), ...(text === undefined ? {} : { text }) },
      };
    }
    lastOrphanText = [...claims.values()].some((c) => c.status === 'orphan')
      ? model.text
      : undefined;
    if (reports.length > 0) void request('annotations:anchored', { results: reports });
  }

  function run(change: () => void): void {
    if (watcher) watcher.quiet(change);
    else change();
  }

  function watch(): void {
    if (!watcher && claims.size > 0) watcher = watchDom(doc, () => paintPending());
  }

  function unpaintAll(): void {
    run(() => {
      for (const id of claims.keys()) unpaint(id);
    });
  }

  async function load(): Promise<Result<number>> {
    urls = pageUrlsOf(doc);
    const answer = await request('page:load', urls);
    if (!answer.ok) return answer;
    pageKnown = answer.value.page !== null;
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
      const selectors = describe(root, range);
      const quote = selectors ? collapseWhitespace(selectors[0].exact) : '';
      if (!selectors || !quote) return { ok: false, error: 'The selection holds no page text.' };
      const id = newId();
      run(() => painted.set(id, paintHighlight(range, id, draft.type)));
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
      claims.set(id, {
        annotation: { ...answer.value, anchor: { status: 'exact', at: answer.value.created } },
        status: 'exact',
      });
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

    claims: () => [...claims.values()],
  };
}
