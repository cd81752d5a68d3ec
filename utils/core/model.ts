/**
 * The shared vocabulary of Claimmark: what a claim (annotation) and a page are.
 * Pure types and constants only: no DOM, no browser APIs, no Dexie.
 *
 * Selectors follow the W3C Web Annotation Data Model
 * (https://www.w3.org/TR/annotation-model/#selectors). Positions are offsets in the
 * page's *text model*, documented in `utils/page/anchoring/text-model.ts`.
 */

import type { ClaimType } from './claim-types';

// The claim types (ids, labels, colours) live in claim-types.ts; re-exported for the model's users.
export { CLAIM_TYPES, isClaimType, type ClaimType } from './claim-types';

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  /** The selected text, exactly as it stands in the text model. */
  exact: string;
  /** Up to ~32 characters of text model before `exact`. */
  prefix: string;
  /** Up to ~32 characters of text model after `exact`. */
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  /** Offset of the first character in the text model. */
  start: number;
  /** Offset just after the last character in the text model. */
  end: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

/** How the claim was attached the last time it was painted. */
export type AnchorStatus = 'exact' | 'approximate' | 'orphan';

export interface Annotation {
  /** UUID (v4), the claim's identity everywhere, also in exports. */
  id: string;
  /** Normalized URL of the page (see `utils/core/url.ts`); key into `pages`. */
  url: string;
  /** The selected text with whitespace collapsed, for display, search and export. */
  quote: string;
  /** W3C selectors; always one TextQuoteSelector, a TextPositionSelector when known. */
  selectors: Selector[];
  type: ClaimType;
  /** Free tags, lower-case, without '#'. The type is not repeated here. */
  tags: string[];
  note: string;
  /** ISO 8601 timestamps. */
  created: string;
  updated: string;
  /** How the claim anchored the last time its page was open (absent until then). */
  anchor?: AnchorRecord;
  /**
   * A claim in a PDF: the page it stands on. Its selectors are then over the document's text
   * (every page's text, pages joined by a line break: utils/pdf/text.ts). Absent on web pages.
   */
  pdfPage?: PdfPageRef;
  /** Who saved it: the CouchDB user name, once the claim went through sync (absent before). */
  author?: string;
  /**
   * Notes another device wrote for this claim at the same time (a sync conflict): the note above
   * is the CouchDB winner, these are kept so no words are lost, until the reader keeps one.
   */
  otherNotes?: OtherNote[];
  /** The reader re-attached it to new words (an orphan found again): when, and its old quote. */
  reattached?: Reattached;
}

/** A page of a PDF: its index (0-based) and its label as the PDF prints it ("iv", "12"). */
export interface PdfPageRef {
  index: number;
  label: string;
}

/** A note written for the same claim on another device, kept beside the winning one. */
export interface OtherNote {
  note: string;
  /** Who wrote that version (CouchDB user), when known. */
  author?: string;
  /** ISO 8601 time of that version. */
  updated: string;
}

export interface Reattached {
  /** ISO 8601 time of the last re-attachment. */
  at: string;
  /** The quote it had before. */
  quote: string;
}

export interface AnchorRecord {
  status: AnchorStatus;
  /** ISO 8601 time of that anchoring. */
  at: string;
  /** The page text it landed on (collapsed), when approximate: the saved `quote` is kept. */
  text?: string;
}

export interface Page {
  /** Normalized URL; primary key. */
  url: string;
  /** Other normalized URLs the page is known by: redirects, old canonical URLs, AMP/mobile. */
  aliases: string[];
  title: string;
  byline: string;
  siteName: string;
  /** ISO 8601 or '' when the page does not say. */
  publishedTime: string;
  /** BCP 47 language tag or ''. */
  lang: string;
  excerpt: string;
  /** ISO 8601 timestamps. */
  firstSeen: string;
  lastSeen: string;
}

/**
 * What a listed result shows of a claim (the card, the filter chips): no selectors. Search
 * results carry only this (utils/search/view.ts); a claim is read whole when it is opened.
 */
export type ClaimSummary = Pick<
  Annotation,
  'id' | 'url' | 'type' | 'quote' | 'note' | 'tags' | 'created' | 'author' | 'pdfPage'
>;

/** What a listed result shows of its page. */
export type PageSummary = Pick<Page, 'url' | 'title' | 'siteName'>;

/** Metadata the content script extracts from a page (Readability on a clone). */
export type PageMetadata = Pick<
  Page,
  'title' | 'byline' | 'siteName' | 'publishedTime' | 'lang' | 'excerpt'
>;

/** Metadata of a page nothing is known of yet. */
export const EMPTY_METADATA: PageMetadata = {
  title: '',
  byline: '',
  siteName: '',
  publishedTime: '',
  lang: '',
  excerpt: '',
};

export function quoteSelectorOf(
  annotation: Pick<Annotation, 'selectors'>,
): TextQuoteSelector | undefined {
  return annotation.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
}

export function positionSelectorOf(
  annotation: Pick<Annotation, 'selectors'>,
): TextPositionSelector | undefined {
  return annotation.selectors.find(
    (s): s is TextPositionSelector => s.type === 'TextPositionSelector',
  );
}

/** Collapse runs of whitespace to one space and trim: the display form of page text. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Tags as stored: trimmed, without a leading '#', lower-case, whitespace collapsed, unique. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = collapseWhitespace(raw.replace(/^#+/, '')).toLowerCase();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}
