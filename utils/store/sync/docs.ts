/**
 * Claims and pages as CouchDB documents, and back. Pure: no Dexie, no network.
 *
 * A claim is `claim:<uuid>`, a page `page:<normalized url>`; each document is flat (the record's
 * synced fields beside `kind` and `v`) so that the design document (design-doc.ts) can check it.
 * What stays on the device: a claim's `anchor` (how it landed on this browser's last visit) and
 * a page's `lastSeen` is sent but never compared (a visit is not an edit).
 *
 * Documents from the server are someone else's data: `readRemoteDoc` checks every one like an
 * import (utils/import/records.ts: shape, sizes, types; lone surrogates replaced) and returns a
 * clean record or a reason.
 */
import type { Annotation, OtherNote, Page } from '../../core/model';
import { normalizeTags } from '../../core/model';
import { asRecord, readString, ValidationError } from '../../core/validate';
import { hashId } from '../../export/hash-id';
import { cleanPage } from '../../export/records';
import { readBackupAnnotation, readBackupPage } from '../../import/records';
import { LIMITS } from '../../protocol/to-background';

export const DOC_VERSION = 1;
export const CLAIM_PREFIX = 'claim:';
export const PAGE_PREFIX = 'page:';
export const SYNC_LIMITS = { author: 200, otherNotes: 20 } as const;

/** The synced fields of a claim, in a fixed order (the content hash depends on it). */
export type ClaimContent = Omit<Annotation, 'anchor'>;
export type PageContent = Page;

export interface ClaimDoc extends ClaimContent {
  _id: string;
  _rev?: string;
  kind: 'claim';
  v: number;
}
export interface PageDoc extends PageContent {
  _id: string;
  _rev?: string;
  kind: 'page';
  v: number;
}
export type SyncDoc = ClaimDoc | PageDoc;

/** Key of a record in the outbox and the rev table: the document id. */
export const claimKey = (id: string) => CLAIM_PREFIX + id;
export const pageKey = (url: string) => PAGE_PREFIX + url;

export function claimContent(claim: Annotation, author?: string): ClaimContent {
  const content: ClaimContent = {
    id: claim.id,
    url: claim.url,
    quote: claim.quote,
    selectors: claim.selectors,
    type: claim.type,
    tags: claim.tags,
    note: claim.note,
    created: claim.created,
    updated: claim.updated,
  };
  const by = claim.author ?? author;
  if (by !== undefined) content.author = by;
  if (claim.otherNotes && claim.otherNotes.length > 0) content.otherNotes = claim.otherNotes;
  if (claim.reattached) content.reattached = claim.reattached;
  if (claim.pdfPage) content.pdfPage = { index: claim.pdfPage.index, label: claim.pdfPage.label };
  return content;
}

/** The synced fields of a page: exactly those a backup holds (utils/export/records.ts). */
export function pageContent(page: Page): PageContent {
  return cleanPage(page);
}

export function claimDoc(claim: Annotation, author?: string): ClaimDoc {
  return { _id: claimKey(claim.id), kind: 'claim', v: DOC_VERSION, ...claimContent(claim, author) };
}

export function pageDoc(page: Page): PageDoc {
  return { _id: pageKey(page.url), kind: 'page', v: DOC_VERSION, ...pageContent(page) };
}

/** A short fingerprint of what syncs of a record: equal content, equal hash. */
export function contentHash(content: ClaimContent | PageContent): string {
  if ('quote' in content) return hashId(JSON.stringify(claimContent(content)));
  const visited = { ...pageContent(content), lastSeen: '' }; // a visit is not an edit
  return hashId(JSON.stringify(visited));
}

export function docHash(doc: SyncDoc): string {
  return contentHash(doc.kind === 'claim' ? stripDoc(doc) : stripPage(doc));
}

function stripDoc(doc: ClaimDoc): ClaimContent {
  const { _id, _rev, kind, v, ...content } = doc;
  void [_id, _rev, kind, v];
  return claimContent(content as Annotation);
}

function stripPage(doc: PageDoc): PageContent {
  const { _id, _rev, kind, v, ...content } = doc;
  void [_id, _rev, kind, v];
  return pageContent(content as Page);
}

export type RemoteRecord =
  | { kind: 'claim'; key: string; record: Annotation }
  | { kind: 'page'; key: string; record: Page };

/**
 * A document from the server as a clean claim or page, or a ValidationError with the reason.
 * Unknown fields are dropped; `_id` must match the record's own id or URL.
 */
export function readRemoteDoc(value: unknown): RemoteRecord {
  const doc = asRecord(value, 'document');
  const id = readString(doc, '_id', LIMITS.url + PAGE_PREFIX.length);
  if (doc.v !== DOC_VERSION) throw new ValidationError('v must be 1');
  if (doc.kind === 'claim') {
    const claim = readBackupAnnotation({ ...doc, anchor: undefined });
    if (id !== claimKey(claim.id)) throw new ValidationError('_id must be claim:<id>');
    return { kind: 'claim', key: id, record: claim };
  }
  if (doc.kind === 'page') {
    const page = readBackupPage(doc);
    if (id !== pageKey(page.url)) throw new ValidationError('_id must be page:<url>');
    return { kind: 'page', key: id, record: page };
  }
  throw new ValidationError('kind must be claim or page');
}

/**
 * One claim from the versions of a CouchDB conflict: the winner's fields, every version's tags
 * (winner's first), and each other note kept in `otherNotes` (none repeated, none equal to the
 * winner's). Deterministic, so two devices resolving the same conflict write the same document.
 */
export function mergeClaims(winner: Annotation, others: readonly Annotation[]): Annotation {
  const notes: OtherNote[] = [];
  const seen = new Set([winner.note]);
  const add = (note: OtherNote) => {
    if (seen.has(note.note)) return;
    seen.add(note.note);
    notes.push(note);
  };
  for (const note of winner.otherNotes ?? []) add(note);
  for (const other of others) {
    add(withAuthor({ note: other.note, updated: other.updated }, other.author));
    for (const note of other.otherNotes ?? []) add(note);
  }
  const merged: Annotation = {
    ...winner,
    tags: normalizeTags([winner.tags, ...others.map((o) => o.tags)].flat()).slice(0, LIMITS.tags),
    updated: [winner.updated, ...others.map((o) => o.updated)].sort().at(-1)!,
  };
  delete merged.otherNotes;
  if (notes.length > 0) merged.otherNotes = notes.slice(0, SYNC_LIMITS.otherNotes);
  return merged;
}

/** The page from the versions of a conflict: the winner's fields with every alias kept. */
export function mergePages(winner: Page, others: readonly Page[]): Page {
  const aliases = [...new Set([winner.aliases, ...others.map((o) => o.aliases)].flat())].filter(
    (a) => a !== winner.url,
  );
  return { ...winner, aliases };
}

function withAuthor(note: OtherNote, author: string | undefined): OtherNote {
  return author === undefined ? note : { ...note, author };
}
