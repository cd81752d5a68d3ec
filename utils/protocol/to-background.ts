/**
 * Messages to the background, from content scripts and extension pages: `Protocol`, its
 * validators and its client. The shape — `{ type, payload }`, answers as `Result`s, `Handlers`,
 * `Validators`, `Client` — is the one both directions share (rpc.ts; the other direction is
 * to-content.ts). The background answers with utils/store/handlers.ts. Pure: no DOM, no browser
 * APIs (the caller passes `browser.runtime.sendMessage` in).
 */
import type {
  AnchorStatus,
  Annotation,
  ClaimType,
  Page,
  PageMetadata,
  PdfPageRef,
  Selector,
} from '../core/model';
import { isClaimType } from '../core/model';
import type { PageUrls } from '../core/url';
import {
  createClient as createRpcClient,
  parseMessage,
  type Client as RpcClient,
  type MessageIn,
  type Result,
  type Validators,
} from './rpc';
import {
  asRecord,
  PDF_URN,
  readPdfPage,
  readString,
  readStringArray,
  readSelectors,
  readOptionalMetadata,
  readUuid,
  ValidationError,
} from '../core/validate';

/** What a content script sends to create a claim: the claim's own fields; the background stamps the timestamps. */
export type NewAnnotation = Pick<
  Annotation,
  'id' | 'url' | 'quote' | 'selectors' | 'type' | 'tags' | 'note' | 'pdfPage'
>;

export interface AnchorReport {
  id: string;
  status: AnchorStatus;
  /** The page text it landed on, collapsed, when approximate. */
  text?: string;
}

export type ReanchorReason = 'reattach' | 'adjust';

export interface AnnotationPatch {
  type?: ClaimType;
  tags?: string[];
  note?: string;
  /** Forget the notes another device wrote at the same time (the reader kept one). */
  resolveOtherNotes?: true;
}

export interface Protocol {
  /**
   * A page was opened at `url`, also known as `aliases` (e.g. the URL it was read at when its
   * canonical differs): its stored record, found through any of them (null if never saved on),
   * and its claims. A page found through an alias learns the new URLs. `settings` are the
   * reader's settings as stored (utils/store/settings.ts; parse them with `parseSettings`), sent
   * along so that the always-on content script never reads `storage` itself.
   */
  'page:load': {
    request: PageUrls;
    response: { page: Page | null; annotations: Annotation[]; settings?: unknown };
  };
  /** Save a claim (idempotent by id). `metadata` is sent with the first claim of a page. */
  'annotation:save': {
    request: { annotation: NewAnnotation; metadata?: PageMetadata; aliases?: string[] };
    response: Annotation;
  };
  /** How the page's claims anchored on this visit; stored when it changed. */
  'annotations:anchored': {
    request: { results: AnchorReport[] };
    response: { changed: number };
  };
  'annotation:update': {
    request: { id: string; patch: AnnotationPatch };
    response: Annotation;
  };
  'annotation:delete': {
    request: { id: string };
    response: { deleted: boolean };
  };
  /** Put a deleted claim back exactly as it was (undo); a no-op if it exists. */
  'annotation:restore': {
    request: { annotation: Annotation };
    response: Annotation;
  };
  /**
   * New words for a claim, chosen by the reader: 'reattach' (an orphan found again: the old
   * quote is recorded in `reattached`) or 'adjust' (its extent changed, or an adjustment
   * undone). Its id, type, tags, note and creation time stay. In a PDF the words may be on
   * another page: `pdfPage` is then the claim's new page.
   */
  'annotation:reanchor': {
    request: {
      id: string;
      quote: string;
      selectors: Selector[];
      reason: ReanchorReason;
      pdfPage?: PdfPageRef;
    };
    response: Annotation;
  };
  /** Every tag in use, most used first (toolbar autocomplete). */
  'tags:list': {
    request: Record<string, never>;
    response: { tags: string[] };
  };
}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];
export type { Result };
export type Message = MessageIn<Protocol>;

export const LIMITS = {
  url: 8_192,
  quote: 100_000,
  note: 50_000,
  tag: 100,
  tags: 50,
  id: 100,
  aliases: 20,
  reports: 10_000,
} as const;

function readUrl(record: Record<string, unknown>, key: string): string {
  const url = readString(record, key, LIMITS.url);
  if (!/^https?:\/\//i.test(url) && !/^file:\/\//i.test(url) && !PDF_URN.test(url)) {
    throw new ValidationError(`${key} must be an http(s) or file URL`);
  }
  return url;
}

function readType(record: Record<string, unknown>): ClaimType {
  const type = record.type;
  if (!isClaimType(type)) throw new ValidationError('type must be a claim type');
  return type;
}

function readPatch(value: unknown): AnnotationPatch {
  const record = asRecord(value, 'patch');
  const patch: AnnotationPatch = {};
  if (record.type !== undefined) patch.type = readType(record);
  if (record.tags !== undefined)
    patch.tags = readStringArray(record, 'tags', LIMITS.tags, LIMITS.tag);
  if (record.note !== undefined) patch.note = readString(record, 'note', LIMITS.note, true);
  if (record.resolveOtherNotes === true) patch.resolveOtherNotes = true;
  return patch;
}

function readNewAnnotation(value: unknown): NewAnnotation {
  const record = asRecord(value, 'annotation');
  return {
    id: readUuid(record, 'id'),
    url: readUrl(record, 'url'),
    quote: readString(record, 'quote', LIMITS.quote),
    selectors: readSelectors(record, LIMITS.quote),
    type: readType(record),
    tags: readStringArray(record, 'tags', LIMITS.tags, LIMITS.tag),
    note: readString(record, 'note', LIMITS.note, true),
    ...optional('pdfPage', readPdfPage(record.pdfPage)),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function readAliases(record: Record<string, unknown>): string[] {
  if (record.aliases === undefined) return [];
  return readStringArray(record, 'aliases', LIMITS.aliases, LIMITS.url).map((alias) =>
    readUrl({ alias }, 'alias'),
  );
}

const ANCHOR_STATUSES: readonly string[] = ['exact', 'approximate', 'orphan'];

function readReport(value: unknown): AnchorReport {
  const record = asRecord(value, 'result');
  if (typeof record.status !== 'string' || !ANCHOR_STATUSES.includes(record.status)) {
    throw new ValidationError('status must be exact, approximate or orphan');
  }
  const report: AnchorReport = {
    id: readUuid(record, 'id'),
    status: record.status as AnchorStatus,
  };
  if (record.text !== undefined) report.text = readString(record, 'text', LIMITS.quote, true);
  return report;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function readTime(record: Record<string, unknown>, key: string): string {
  const value = readString(record, key, 40);
  if (!ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ValidationError(`${key} must be an ISO 8601 UTC time`);
  }
  return value;
}

/** A whole stored claim (for restore): a new-claim shape plus its timestamps. */
function readStoredAnnotation(value: unknown): Annotation {
  const record = asRecord(value, 'annotation');
  return {
    ...readNewAnnotation(record),
    created: readTime(record, 'created'),
    updated: readTime(record, 'updated'),
  };
}

const readSave: Validators<Protocol>['annotation:save'] = (p) => ({
  annotation: readNewAnnotation(p.annotation),
  metadata: readOptionalMetadata(p.metadata),
  aliases: readAliases(p),
});

/** The background's validators: every payload is checked by these before a handler sees it. */
export const BACKGROUND_VALIDATORS: Validators<Protocol> = {
  'page:load': (p) => ({ url: readUrl(p, 'url'), aliases: readAliases(p) }),
  'annotation:save': readSave,
  'annotations:anchored': (p) => {
    if (!Array.isArray(p.results) || p.results.length > LIMITS.reports) {
      throw new ValidationError(`results must be an array of at most ${LIMITS.reports}`);
    }
    return { results: p.results.map(readReport) };
  },
  'annotation:update': (p) => ({ id: readUuid(p, 'id'), patch: readPatch(p.patch) }),
  'annotation:delete': (p) => ({ id: readUuid(p, 'id') }),
  'annotation:reanchor': (p) => {
    if (p.reason !== 'reattach' && p.reason !== 'adjust') {
      throw new ValidationError('reason must be reattach or adjust');
    }
    return {
      id: readUuid(p, 'id'),
      quote: readString(p, 'quote', LIMITS.quote),
      selectors: readSelectors(p, LIMITS.quote),
      reason: p.reason,
      ...optional('pdfPage', readPdfPage(p.pdfPage)),
    };
  },
  'annotation:restore': (p) => ({ annotation: readStoredAnnotation(p.annotation) }),
  'tags:list': () => ({}),
};

/** Validate an untrusted message. Returns the typed message or an error string. */
export function parseRequest(message: unknown): Result<Message> {
  return parseMessage(BACKGROUND_VALIDATORS, message);
}

/**
 * Check a save before sending it, with the very validator the background applies to it: a claim
 * the background would refuse (too long…) is never painted as "retry later". Only this one, so
 * that a content script saving claims does not carry the background's other validators.
 */
export function checkSave(
  payload: RequestOf<'annotation:save'>,
): Result<RequestOf<'annotation:save'>> {
  try {
    return { ok: true, value: readSave(asRecord(payload, 'payload')) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * How long a client waits before each retry of a request the transport lost, in ms: doubling
 * from 100 ms, capped at 2.5 s, 10 s in all. A stopped service worker usually answers the first
 * retry; under load (thousands of saves queued, the worker stopped again while it restarts) the
 * later ones carry a save across several stops instead of leaving it unsaved.
 */
export const RETRY_DELAYS: readonly number[] = [100, 200, 400, 800, 1_600, 2_500, 2_400, 2_000];

export type Client = RpcClient<Protocol>;

/** The extension was reloaded or removed under this page: no retry will ever reach it. */
const GONE = /Extension context invalidated/i;

/**
 * A typed client over a transport (e.g. `browser.runtime.sendMessage`). Transport failures — the
 * service worker stopped in the middle of a request ("message port closed"), or did not answer —
 * are retried after each of `delays`: every request in this protocol is idempotent (saves by id),
 * so a retry never stores a claim twice. An error the handler answered is never retried. What
 * still fails comes back as `{ ok: false }`, with `unanswered` when the background never
 * answered (not when the extension is gone).
 */
export function createClient(
  send: (message: Message) => Promise<unknown>,
  retry: { delays: readonly number[]; sleep: (ms: number) => Promise<void> } = {
    delays: RETRY_DELAYS,
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  },
): Client {
  return createRpcClient<Protocol>(send, {
    ...retry,
    silence: 'the background did not answer',
    gone: GONE,
  });
}
