/**
 * What the content script answers to extension pages and the background (utils/protocol/to-content.ts).
 * DOM code over a page session; every answer is a Result.
 */
import type { ContentMessage, ContentResponse, SuggestionSummary } from '../protocol/to-content';
import type { Result } from '../protocol/to-background';
import type { ClaimType } from '../core/model';
import type { PageSession } from './session';
import { revealMarks } from './flash';

export interface ContentHandlerDeps {
  /** A page's session, or a PDF's (utils/pdf/session.ts). */
  session: Pick<PageSession, 'url' | 'claims' | 'marks' | 'save'>;
  onLocation: () => void;
  /** The current selection and the type it suggests, or null when nothing is selected. */
  selectionType: () => { range: Range; type: ClaimType } | null;
  reload: () => Promise<unknown>;
  /** The page's suggestions (runs Readability and the detector; cached by the caller). */
  suggest: () => SuggestionSummary[] | Promise<SuggestionSummary[]>;
  /** Find `text` in its sentence on the live page. */
  locate: (text: string, sentence: string) => Range | null | Promise<Range | null>;
}

export function createContentHandlers(deps: ContentHandlerDeps) {
  const { session } = deps;
  return async (message: ContentMessage): Promise<Result<unknown>> => {
    switch (message.type) {
      case 'content:location-changed':
        deps.onLocation();
        return { ok: true, value: { url: session.url() } };
      case 'content:claims': {
        const value: ContentResponse<'content:claims'> = {
          url: session.url(),
          claims: session.claims().map(({ annotation, status, start }) => ({
            id: annotation.id,
            quote: annotation.quote,
            type: annotation.type,
            tags: annotation.tags,
            note: annotation.note,
            status,
            ...(start === undefined ? {} : { start }),
          })),
        };
        return { ok: true, value };
      }
      case 'content:scroll-to':
        return { ok: true, value: { found: revealMarks(session.marks(message.payload.id)) } };
      case 'content:save-selection': {
        const selection = deps.selectionType();
        if (!selection) return { ok: false, error: 'Select some text on the page first.' };
        const saved = await session.save(selection.range, {
          type: selection.type,
          tags: [],
          note: '',
        });
        return saved.ok ? { ok: true, value: { id: saved.value.id } } : saved;
      }
      case 'content:suggest':
        return { ok: true, value: { suggestions: await deps.suggest() } };
      case 'content:save-suggestion': {
        const { text, sentence, type } = message.payload;
        const range = await deps.locate(text, sentence);
        if (!range) return { ok: false, error: 'These words are no longer on the page.' };
        const saved = await session.save(range, { type, tags: [], note: '' });
        return saved.ok ? { ok: true, value: { id: saved.value.id } } : saved;
      }
      case 'content:reload':
        await deps.reload();
        return { ok: true, value: { count: session.claims().length } };
    }
  };
}
