/**
 * Saving new claims. A claim is painted at once and kept, with the request that stores it, until
 * the background has stored it; when it cannot (storage full…) its marks are flagged unsaved and
 * it waits for a retry (same id: saves are idempotent by id) or a discard. A save the background
 * never answered (its worker stopped, again and again) is never dropped: it is sent again, with a
 * capped backoff, for as long as the page is open; after `stillTryingAfterMs` its marks say so
 * and `onStillTrying` tells the UI. Once stored, it joins the session's claims. Works on the shared session state; the message client, the metadata
 * extractor, the id source and the painter's and watcher's entry points are passed in.
 */
import type { Annotation, PageMetadata } from '../../core/model';
import { collapseWhitespace } from '../../core/model';
import type { Client, RequestOf, Result } from '../../protocol/to-background';
import { checkSave } from '../../protocol/to-background';
import { describe } from '../anchoring/describe';
import { buildTextModel } from '../anchoring/text-model';
import { paintHighlight } from '../highlight';
import { setStillTrying, setUnsaved } from '../highlight/style';
import { intact, run, unpaint, type SessionState } from './state';
import type { PageSession, SaveResult } from './types';

export interface SavesDeps {
  request: Client;
  extractMetadata: (doc: Document) => PageMetadata;
  newId: () => string;
  /** Anchor and paint what is not painted (a stored claim whose marks were lost meanwhile). */
  paintPending: () => void;
  /** Start watching the page for changes, once it has claims. */
  watch: () => void;
  retry?: SaveRetry;
}

/** How a save the background never answered is sent again; defaults to the window's timers. */
export interface SaveRetry {
  /** The pause before the nth (1, 2…) resend. */
  pause: (ms: number) => Promise<void>;
  /** Call `then` once after `ms`; returns a cancel function. */
  after: (ms: number, then: () => void) => () => void;
  /** Pauses between resends: doubling from 500 ms, capped at 5 s. */
  backoffMs?: (resend: number) => number;
  stillTryingAfterMs?: number;
  onStillTrying?: (id: string) => void;
}

/** The reader is told a save is still under way after this long. */
export const STILL_TRYING_MS = 10_000;
const backoff = (resend: number) => Math.min(5_000, 500 * 2 ** (resend - 1));

/** A claim not stored yet, with the request that stores it. */
interface PendingSave {
  request: RequestOf<'annotation:save'>;
  start: number;
  error: string;
  saving: boolean;
  /** Unanswered for `stillTryingAfterMs`, and being sent again. */
  stillTrying: boolean;
  /** The save under way, settled with its outcome. */
  inFlight?: Promise<SaveResult>;
}

export type Saves = Pick<PageSession, 'save' | 'retry' | 'discard' | 'unsaved' | 'whenSettled'>;

export function createSaves(state: SessionState, deps: SavesDeps): Saves {
  const { request, extractMetadata, newId, paintPending, watch } = deps;
  const view = state.doc.defaultView;
  const retry: SaveRetry = deps.retry ?? {
    pause: (ms) => new Promise((done) => (view ?? globalThis).setTimeout(done, ms)),
    after: (ms, then) => {
      const timer = (view ?? globalThis).setTimeout(then, ms);
      return () => (view ?? globalThis).clearTimeout(timer);
    },
  };
  /** Claims not stored yet, with the request that stores them: a retry sends the same id. */
  const unsaved = new Map<string, PendingSave>();

  /** Send an unsaved claim; on failure its marks are flagged unsaved, on success it joins the page. */
  function store(id: string): Promise<SaveResult> {
    const pending = unsaved.get(id);
    if (!pending)
      return Promise.resolve({ ok: false, error: 'This claim is not waiting to be saved.' });
    if (pending.saving)
      return Promise.resolve({ ok: false, error: 'This claim is being saved.', unsaved: id });
    pending.saving = true;
    pending.inFlight = send(id, pending);
    return pending.inFlight;
  }

  /** Send until the background answers (stored, or refused with a reason). */
  async function answered(id: string, pending: PendingSave): Promise<Result<Annotation>> {
    const cancel = retry.after(retry.stillTryingAfterMs ?? STILL_TRYING_MS, () => {
      pending.stillTrying = true;
      run(state, () => setStillTrying(state.painted.get(id) ?? [], true));
      retry.onStillTrying?.(id);
    });
    try {
      for (let resend = 1; ; resend++) {
        let answer: Result<Annotation>;
        try {
          answer = await request('annotation:save', pending.request);
        } catch (error) {
          answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
        if (answer.ok || !answer.unanswered) return answer;
        await retry.pause((retry.backoffMs ?? backoff)(resend));
      }
    } finally {
      cancel();
      if (pending.stillTrying) {
        pending.stillTrying = false;
        run(state, () => setStillTrying(state.painted.get(id) ?? [], false));
      }
    }
  }

  async function send(id: string, pending: PendingSave): Promise<SaveResult> {
    let answer: Result<Annotation>;
    try {
      answer = await answered(id, pending);
    } finally {
      pending.saving = false;
    }
    if (!answer.ok) {
      pending.error = answer.error;
      run(state, () => setUnsaved(state.painted.get(id) ?? [], true));
      return { ...answer, unsaved: id };
    }
    unsaved.delete(id);
    run(state, () => setUnsaved(state.painted.get(id) ?? [], false));
    const { annotation, metadata } = pending.request;
    if (annotation.url !== state.pageUrl) return answer; // the reader moved on (SPA navigation)
    state.pageKnown = true;
    state.pageTitle ||= metadata?.title ?? '';
    const anchorRecord = { status: 'exact' as const, at: answer.value.created };
    const kept = !state.visible || intact(state, id); // marks lost meanwhile are painted again
    state.claims.set(id, {
      annotation: { ...answer.value, anchor: anchorRecord },
      status: kept ? 'exact' : 'pending',
      start: pending.start,
    });
    if (!kept) paintPending();
    watch();
    return answer;
  }

  return {
    async save(range, draft) {
      const { doc } = state;
      const root = doc.body;
      const model = buildTextModel(root);
      const selectors = describe(root, range, model);
      const quote = selectors ? collapseWhitespace(selectors[0].exact) : '';
      if (!selectors || !quote) return { ok: false, error: 'The selection holds no page text.' };
      const id = newId();
      const metadata = state.pageKnown ? undefined : extractMetadata(doc);
      const saveRequest: RequestOf<'annotation:save'> = {
        annotation: { id, url: state.pageUrl, quote, selectors, ...draft },
        metadata,
        aliases: state.urls.aliases,
      };
      // A claim the background would refuse (too long…) is never painted as "retry later".
      const checked = checkSave(saveRequest);
      if (!checked.ok) return { ok: false, error: checked.error };
      if (state.visible)
        run(state, () => state.painted.set(id, paintHighlight(range, id, draft.type)));
      unsaved.set(id, {
        request: saveRequest,
        start: selectors[1].start,
        error: '',
        saving: false,
        stillTrying: false,
      });
      return store(id);
    },

    retry: store,

    discard(id) {
      const pending = unsaved.get(id);
      if (!pending || pending.saving) return false;
      unsaved.delete(id);
      run(state, () => unpaint(state, id));
      return true;
    },

    async whenSettled(id) {
      await unsaved.get(id)?.inFlight;
    },

    unsaved(id) {
      const pending = unsaved.get(id);
      if (!pending) return undefined;
      const { quote } = pending.request.annotation;
      return {
        id,
        quote,
        error: pending.error,
        saving: pending.saving,
        stillTrying: pending.stillTrying,
      };
    },
  };
}
