/**
 * What the content script answers to extension pages and the background: the handlers of
 * `ContentProtocol` (utils/protocol/to-content.ts), the same `Handlers<…>` shape the background
 * answers with (utils/protocol/rpc.ts). DOM code over a page session. A handler throws what it
 * cannot do; `serveMessage` answers it as `{ ok: false, error }`.
 */
import type { ContentProtocol, SuggestionSummary } from '../protocol/to-content';
import type { Handlers } from '../protocol/rpc';
import type { ClaimType } from '../core/model';
import type { PageSession } from './session';
import { revealMarks } from './flash';

export interface ContentHandlerDeps {
  /** A page's session, or a PDF's (utils/page/pdf/session.ts). */
  session: Pick<PageSession, 'url' | 'claims' | 'marks' | 'save'>;
  onLocation: () => void;
  /** The current selection and the type it suggests, or null when nothing is selected. */
  selectionType: () => { range: Range; type: ClaimType } | null;
  reload: () => Promise<unknown>;
  /** Let the reader select new words for an orphan in the page; false when it is not here. */
  pick: (id: string) => boolean;
  /** The page's suggestions (runs Readability and the detector; cached by the caller). */
  suggest: () => SuggestionSummary[] | Promise<SuggestionSummary[]>;
  /** Find `text` in its sentence on the live page. */
  locate: (text: string, sentence: string) => Range | null | Promise<Range | null>;
  /** New settings, not parsed yet (`content:settings`); ignored where nothing follows them. */
  settingsChanged?: (settings: unknown) => void;
}

export function createContentHandlers(deps: ContentHandlerDeps): Handlers<ContentProtocol> {
  const { session } = deps;
  const save = async (range: Range, type: ClaimType) => {
    const saved = await session.save(range, { type, tags: [], note: '' });
    if (!saved.ok) throw new Error(saved.error);
    return { id: saved.value.id };
  };
  return {
    async 'content:location-changed'() {
      deps.onLocation();
      return { url: session.url() };
    },
    async 'content:claims'() {
      return {
        url: session.url(),
        claims: session.claims().map(({ annotation, status, start, placedByQuote }) => ({
          id: annotation.id,
          quote: annotation.quote,
          type: annotation.type,
          tags: annotation.tags,
          note: annotation.note,
          status,
          ...(start === undefined ? {} : { start }),
          ...(placedByQuote ? { placedByQuote } : {}),
        })),
      };
    },
    async 'content:scroll-to'({ id }) {
      return { found: revealMarks(session.marks(id)) };
    },
    async 'content:save-selection'() {
      const selection = deps.selectionType();
      if (!selection) throw new Error('Select some text on the page first.');
      return save(selection.range, selection.type);
    },
    async 'content:suggest'() {
      return { suggestions: await deps.suggest() };
    },
    async 'content:save-suggestion'({ text, sentence, type }) {
      const range = await deps.locate(text, sentence);
      if (!range) throw new Error('These words are no longer on the page.');
      return save(range, type);
    },
    async 'content:reattach'({ id }) {
      if (!deps.pick(id)) throw new Error('This claim is not on this page.');
      return { started: true };
    },
    async 'content:settings'({ settings }) {
      deps.settingsChanged?.(settings);
      return {};
    },
    async 'content:reload'() {
      await deps.reload();
      return { count: session.claims().length };
    },
  };
}
