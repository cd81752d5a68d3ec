/**
 * The claims of one open page: load them from the background, anchor and paint them, keep them
 * painted while the page changes (late content, re-renders, SPA navigation), save new ones and
 * apply edits. This module wires the parts around one shared state object (state.ts): the painter
 * (painter.ts), saving (saves.ts) and edits (edits.ts), and itself loads the page, follows SPA
 * navigation and hides or shows the highlights. DOM code: the document arrives as a parameter;
 * the message client and the metadata extractor are injected, so Readability runs only when a
 * page's first claim is saved.
 */
import { collapseWhitespace } from '../../core/model';
import type { ResponseOf, Result } from '../../protocol/to-background';
import { pageUrlsOf } from '../page-url';
import { clockOf } from '../../core/slices';
import { watchDom } from '../watch-dom';
import { createEdits, type Edits } from './edits';
import { createExtent, type Extent } from './extent';
import { createPainter } from './painter';
import { createSaves, type Saves } from './saves';
import { createSessionState } from './state';
import type { PageSession, PageSessionDeps } from './types';

export type {
  ClaimDraft,
  ClaimExtent,
  ClaimSession,
  ExtentChange,
  ClaimState,
  PageSession,
  PageSessionDeps,
  SaveResult,
  UnsavedClaim,
} from './types';

export function createPageSession(deps: PageSessionDeps): PageSession {
  const { doc, request } = deps;
  const state = createSessionState(doc, deps.urls);
  // The URLs the caller gave are what its preloaded answer was asked for: the first load of a
  // preloaded answer keeps them (no second read of the address and canonical link).
  let given = deps.urls;
  const clock = deps.clock ?? clockOf(doc.defaultView ?? (globalThis as unknown as Window));
  const painter = createPainter(state, { request, clock, slices: deps.slices });
  const { paintAll, paintPending, unpaintAll } = painter;

  function watch(): void {
    if (!state.watcher && state.claims.size > 0) {
      state.watcher = watchDom(doc, () => paintPending());
    }
  }

  async function load(preloaded?: Result<ResponseOf<'page:load'>>): Promise<Result<number>> {
    state.urls = (preloaded && given) || pageUrlsOf(doc);
    given = undefined;
    const answer = preloaded ?? (await request('page:load', state.urls));
    if (!answer.ok) return answer;
    unpaintAll();
    state.pageKnown = answer.value.page !== null;
    state.pageTitle = answer.value.page?.title ?? '';
    state.pageUrl = answer.value.page?.url ?? state.urls.url;
    state.claims = new Map(
      answer.value.annotations.map((a) => [a.id, { annotation: a, status: 'pending' }]),
    );
    painter.forgetOrphanText();
    watch();
    await paintAll();
    return { ok: true, value: state.claims.size };
  }

  // Saving, edits and extents are made on first use: a page load only paints, and so does not
  // compile them (they share `state`, so making them later changes nothing).
  const saves = onFirstUse<Saves>(
    () =>
      createSaves(state, {
        request,
        extractMetadata: deps.extractMetadata,
        newId: deps.newId,
        paintPending,
        watch,
        retry: deps.saveRetry,
      }),
    { save: true, retry: true, discard: true, unsaved: true, whenSettled: true },
  );
  const edits = onFirstUse<Edits>(() => createEdits(state, { request, paintPending, watch }), {
    update: true,
    remove: true,
    restore: true,
  });
  const extent = onFirstUse<Extent>(() => createExtent(state, { request, paintAll, watch }), {
    reanchor: true,
    setExtent: true,
  });

  return {
    url: () => state.pageUrl,
    load,
    ...saves,
    ...edits,
    ...extent,

    refresh: paintPending,

    async locationChanged() {
      const next = pageUrlsOf(doc);
      if (next.url === state.urls.url) return;
      unpaintAll();
      state.claims = new Map();
      await load();
    },

    setVisible(next) {
      if (next === state.visible) return;
      state.visible = next;
      if (state.visible) {
        for (const claim of state.claims.values())
          if (claim.status !== 'orphan') claim.status = 'pending';
        paintPending();
      } else {
        unpaintAll();
      }
    },

    claims: () =>
      [...state.claims.values()].sort(
        (a, b) =>
          (a.start ?? Infinity) - (b.start ?? Infinity) ||
          a.annotation.created.localeCompare(b.annotation.created),
      ),
    get: (id) => state.claims.get(id),
    title: () => state.pageTitle || collapseWhitespace(doc.title),
    marks: (id) => (state.painted.get(id) ?? []).filter((mark) => mark.isConnected),
  };
}

/**
 * An object of methods, made by `make` when one of them is first called. `keys` names every
 * method (the type checks it names them all).
 */
function onFirstUse<T extends object>(make: () => T, keys: { [K in keyof T]-?: true }): T {
  let made: T | undefined;
  const parts = {} as Record<string, unknown>;
  for (const key of Object.keys(keys)) {
    parts[key] = (...args: unknown[]) =>
      ((made ??= make()) as Record<string, (...args: unknown[]) => unknown>)[key]!(...args);
  }
  return parts as T;
}
