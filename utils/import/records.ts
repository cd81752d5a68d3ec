/**
 * Readers for the records of a Claimmark backup: each returns a clean record (exactly the
 * fields of utils/core/model.ts) or throws ValidationError with a reason a person can act on. Built on
 * utils/core/validate.ts; limits from LIMITS in utils/protocol/to-background.ts. Lone surrogates in text are
 * replaced by U+FFFD (reported through `onFix`). Pure.
 */
import { LIMITS } from '../protocol/to-background';
import type {
  AnchorRecord,
  AnchorStatus,
  Annotation,
  OtherNote,
  Page,
  Selector,
} from '../core/model';
import { isClaimType, normalizeTags } from '../core/model';
import {
  PDF_URN,
  readPdfPage,
  asRecord,
  readOptionalMetadata,
  readSelectors,
  readString,
  readStringArray,
  readUuid,
  ValidationError,
} from '../core/validate';
import { wellFormed } from '../export/text';

export const IMPORT_LIMITS = {
  /** Characters of an import file (a 100k-claim backup is ~60 M). */
  fileChars: 400_000_000,
  /** Records of each kind in one file. */
  records: 2_000_000,
  /** Aliases of one page (stored pages collect them over time; messages allow 20 at once). */
  pageAliases: 1_000,
  /** Characters of a time stamp. */
  time: 40,
  /** Characters of an author (a CouchDB user name). */
  author: 200,
  /** Other versions of a claim's note kept from a sync conflict. */
  otherNotes: 20,
} as const;

const ANCHOR_STATUSES: readonly string[] = ['exact', 'approximate', 'orphan'];

export { isUuid } from '../core/uuid';

export function isPageUrl(url: string): boolean {
  return /^https?:\/\/[^\s]/i.test(url) || /^file:\/\/[^\s]/i.test(url);
}

/** A key a backup's page may have: a page URL, or a PDF's fingerprint (`urn:x-pdf:…`). */
function isStoredPageUrl(url: string): boolean {
  return isPageUrl(url) || PDF_URN.test(url);
}

export function readUrl(record: Record<string, unknown>, key = 'url'): string {
  const url = readString(record, key, LIMITS.url);
  if (!isStoredPageUrl(url)) throw new ValidationError(`${key} must be an http(s) or file URL`);
  return url;
}

export function readTime(record: Record<string, unknown>, key: string): string {
  const value = readString(record, key, IMPORT_LIMITS.time);
  if (Number.isNaN(Date.parse(value))) throw new ValidationError(`${key} must be a date and time`);
  return value;
}

/** Clean text, and whether anything was replaced. */
export function fixText(text: string, onFix: () => void): string {
  const fixed = wellFormed(text);
  if (fixed !== text) onFix();
  return fixed;
}

export function readBackupPage(value: unknown, onFix: () => void = () => {}): Page {
  const record = asRecord(value, 'page');
  const url = readUrl(record);
  const aliases = readStringArray(record, 'aliases', IMPORT_LIMITS.pageAliases, LIMITS.url);
  aliases.forEach((alias, i) => {
    if (!isStoredPageUrl(alias))
      throw new ValidationError(`aliases[${i}] must be an http(s) or file URL`);
  });
  const metadata = readOptionalMetadata(record)!;
  return {
    url: fixText(url, onFix),
    aliases: [...new Set(aliases.map((a) => fixText(a, onFix)))].filter((a) => a !== url),
    title: fixText(metadata.title, onFix),
    byline: fixText(metadata.byline, onFix),
    siteName: fixText(metadata.siteName, onFix),
    publishedTime: fixText(metadata.publishedTime, onFix),
    lang: fixText(metadata.lang, onFix),
    excerpt: fixText(metadata.excerpt, onFix),
    firstSeen: readTime(record, 'firstSeen'),
    lastSeen: readTime(record, 'lastSeen'),
  };
}

export function readBackupAnnotation(value: unknown, onFix: () => void = () => {}): Annotation {
  const record = asRecord(value, 'annotation');
  const id = readUuid(record);
  const type = record.type;
  if (!isClaimType(type)) throw new ValidationError('type must be a claim type');
  const selectors = readSelectors(record, LIMITS.quote).map(
    (s): Selector =>
      s.type === 'TextQuoteSelector'
        ? {
            type: s.type,
            exact: fixText(s.exact, onFix),
            prefix: fixText(s.prefix, onFix),
            suffix: fixText(s.suffix, onFix),
          }
        : s,
  );
  const annotation: Annotation = {
    id,
    url: fixText(readUrl(record), onFix),
    quote: fixText(readString(record, 'quote', LIMITS.quote), onFix),
    selectors,
    type,
    tags: normalizeTags(
      readStringArray(record, 'tags', LIMITS.tags, LIMITS.tag).map((t) => fixText(t, onFix)),
    ),
    note: fixText(readString(record, 'note', LIMITS.note, true), onFix),
    created: readTime(record, 'created'),
    updated: readTime(record, 'updated'),
  };
  if (record.anchor !== undefined) annotation.anchor = readAnchor(record.anchor, onFix);
  const pdfPage = readPdfPage(record.pdfPage);
  if (pdfPage) annotation.pdfPage = { ...pdfPage, label: fixText(pdfPage.label, onFix) };
  if (record.author !== undefined) {
    annotation.author = fixText(readString(record, 'author', IMPORT_LIMITS.author), onFix);
  }
  if (record.otherNotes !== undefined) {
    const notes = readOtherNotes(record.otherNotes, onFix);
    if (notes.length > 0) annotation.otherNotes = notes;
  }
  if (record.reattached !== undefined) {
    const reattached = asRecord(record.reattached, 'reattached');
    annotation.reattached = {
      at: readTime(reattached, 'at'),
      quote: fixText(readString(reattached, 'quote', LIMITS.quote, true), onFix),
    };
  }
  return annotation;
}

/** Notes another device wrote for the claim at the same time (a sync conflict kept). */
function readOtherNotes(value: unknown, onFix: () => void): OtherNote[] {
  if (!Array.isArray(value)) throw new ValidationError('otherNotes must be an array');
  if (value.length > IMPORT_LIMITS.otherNotes) {
    throw new ValidationError(`otherNotes has more than ${IMPORT_LIMITS.otherNotes} items`);
  }
  return value.map((item: unknown) => {
    const record = asRecord(item, 'otherNotes item');
    const other: OtherNote = {
      note: fixText(readString(record, 'note', LIMITS.note, true), onFix),
      updated: readTime(record, 'updated'),
    };
    if (record.author !== undefined) {
      other.author = fixText(readString(record, 'author', IMPORT_LIMITS.author), onFix);
    }
    return other;
  });
}

function readAnchor(value: unknown, onFix: () => void): AnchorRecord {
  const record = asRecord(value, 'anchor');
  if (typeof record.status !== 'string' || !ANCHOR_STATUSES.includes(record.status)) {
    throw new ValidationError('anchor.status must be exact, approximate or orphan');
  }
  const anchor: AnchorRecord = {
    status: record.status as AnchorStatus,
    at: readTime(record, 'at'),
  };
  if (record.text !== undefined) {
    anchor.text = fixText(readString(record, 'text', LIMITS.quote, true), onFix);
  }
  return anchor;
}
