/**
 * The public vocabulary of a page session: what it is built from (`PageSessionDeps`), what it
 * knows of each claim (`ClaimState`, `UnsavedClaim`), what a save answers (`SaveResult`) and the
 * `PageSession` interface itself. Types only; `index.ts` re-exports them, so importers keep
 * writing `from '…/utils/page-session'`.
 */
import type { AnchorStatus, Annotation, ClaimType, PageMetadata, Selector } from '../../core/model';
import type {
  AnnotationPatch,
  Client,
  ReanchorReason,
  ResponseOf,
  Result,
} from '../../protocol/to-background';
import type { SliceClock, SliceOptions } from '../../core/slices';
import type { SaveRetry } from './saves';
import type { PageUrls } from '../../core/url';

export interface PageSessionDeps {
  doc: Document;
  request: Client;
  extractMetadata: (doc: Document) => PageMetadata;
  newId: () => string;
  /** Time and yielding for painting in slices; by default the document's window. */
  clock?: SliceClock;
  slices?: SliceOptions;
  /** How unanswered saves are sent again, and who hears they are still trying (saves.ts). */
  saveRetry?: SaveRetry;
  /** The page's key and aliases, when the caller already has them (the hand-off's). */
  urls?: PageUrls;
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
  /** It has only its quote, which the page holds more than once: painted at the first. */
  placedByQuote?: boolean;
}

/** A claim the background could not store (storage full…): painted, flagged, kept for a retry. */
export interface UnsavedClaim {
  id: string;
  quote: string;
  /** Why the last attempt failed, as the background said it. */
  error: string;
  /** An attempt is under way. */
  saving: boolean;
  /** The background has not answered for a while (10 s): it is being sent again, never dropped. */
  stillTrying: boolean;
}

/** A claim's words: its quote and the selectors that find it. */
export interface ClaimExtent {
  quote: string;
  selectors: Selector[];
}

/** A claim given new words: as stored now, and the extent it had (to undo). */
export interface ExtentChange {
  annotation: Annotation;
  previous: ClaimExtent;
}

/** A failed save whose claim stays painted as unsaved names it: `unsaved` is its id. */
export type SaveResult =
  | { ok: true; value: Annotation }
  | { ok: false; error: string; unsaved?: string };

export interface PageSession {
  url(): string;
  /**
   * Load the claims of the document's current URL and paint them; `preloaded` is the answer to
   * its `page:load` when the always-on content script already asked (the first one for the
   * URLs in `PageSessionDeps.urls`, when given).
   */
  load(preloaded?: Result<ResponseOf<'page:load'>>): Promise<Result<number>>;
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
  /** Resolves once a save of this claim under way has its answer (at once when none is). */
  whenSettled(id: string): Promise<void>;
  update(id: string, patch: AnnotationPatch): Promise<Result<Annotation>>;
  /** Delete a claim; the deleted claim is returned so it can be restored (undo). */
  remove(id: string): Promise<Result<Annotation>>;
  restore(annotation: Annotation): Promise<Result<Annotation>>;
  /**
   * Give a claim the words of `range` (the reader's selection): re-attach an orphan or adjust
   * its extent. Stored first, then painted there; resolves once painted.
   */
  reanchor(id: string, range: Range, reason: ReanchorReason): Promise<Result<ExtentChange>>;
  /** Give a claim a stored extent back (undo of an adjustment). */
  setExtent(id: string, extent: ClaimExtent, reason: ReanchorReason): Promise<Result<ExtentChange>>;
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

/**
 * What the in-page toolbar, card and undo bar need of a session: a page's (`PageSession`) or a
 * PDF's (utils/page/pdf/session.ts).
 */
export type ClaimSession = Pick<
  PageSession,
  | 'save'
  | 'retry'
  | 'discard'
  | 'unsaved'
  | 'whenSettled'
  | 'update'
  | 'remove'
  | 'restore'
  | 'reanchor'
  | 'setExtent'
  | 'get'
  | 'title'
>;
