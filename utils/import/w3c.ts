/**
 * Reading W3C Web Annotations (https://www.w3.org/TR/annotation-model/) into claims. Pure.
 *
 * Accepted: an AnnotationCollection with its first AnnotationPage embedded (as Claimmark writes
 * it), an AnnotationPage, an array of annotations, or one annotation. Each annotation:
 * - `type` includes "Annotation" (also `oa:Annotation` or the full IRI);
 * - a target (the first one that qualifies) with a `source` http(s)/file URL — a string or an
 *   object with `id` — and a TextQuoteSelector among its selectors (also inside `refinedBy`).
 *   A TextPositionSelector at the top level is kept when valid; other selectors (RangeSelector,
 *   XPathSelector, FragmentSelector, Hypothesis' own forms…) are ignored. Annotations without a
 *   quote (page notes, replies, bookmarks) are refused with the reason;
 * - bodies: TextualBody with purpose "tagging" → a tag (`claimmark:<type>` → the claim type);
 *   other TextualBodies and `bodyValue` → the note (paragraphs joined by a blank line); a Choice
 *   → its first item; a body that is only an IRI → its IRI, in the note; a SpecificResource
 *   tagging body (a semantic tag) → its source IRI as a tag;
 * - `id`: `urn:uuid:<uuid>` (or a bare UUID) is the claim id; any other id, or none, gives a
 *   stable id derived from it (or from the source and quote), so importing again updates instead
 *   of duplicating;
 * - `created` / `modified` when they parse (else the import time); the source URL is normalized
 *   (utils/core/url.ts) and the page created when unknown (title, language from a described source).
 */
import { hashId } from '../export/hash-id';
import { TYPE_TAG_PREFIX } from '../export/w3c';
import { utcTime } from '../export/text';
import { LIMITS } from '../protocol/to-background';
import type { Annotation, ClaimType, Page, Selector } from '../core/model';
import { collapseWhitespace, isClaimType, normalizeTags } from '../core/model';
import { normalizeUrl } from '../core/url';
import { asRecord, ValidationError } from '../core/validate';
import { fixText, isPageUrl, isUuid } from './records';

const OA = 'http://www.w3.org/ns/oa#';
const CONTEXT_MAX = 1_000;

export interface W3CContext {
  /** Import time, for annotations without `created`. */
  now: string;
  /** Called when text had lone surrogates replaced. */
  onFix: () => void;
}

export interface W3CRecord {
  annotation: Annotation;
  /** What the annotation says about its page (title and language when its source is described). */
  page: Pick<Page, 'url' | 'title' | 'lang'>;
}

/** The `type` values of a JSON-LD node, without `oa:` / the OA namespace. */
export function typesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^oa:/, '').replace(OA, ''));
}

export function readW3CAnnotation(value: unknown, context: W3CContext): W3CRecord {
  const record = asRecord(value, 'annotation');
  if (!typesOf(record.type).includes('Annotation')) {
    throw new ValidationError('type must include "Annotation"');
  }
  const fix = (text: string) => fixText(text, context.onFix);
  const target = pickTarget(record.target);
  const url = normalizeUrl(fix(target.source));
  if (url.length > LIMITS.url || !isPageUrl(url)) {
    throw new ValidationError('target source must be an http(s) or file URL');
  }
  const { quote, position } = target;
  const exact = fix(quote.exact);
  const selectors: Selector[] = [
    {
      type: 'TextQuoteSelector',
      exact,
      prefix: fix(quote.prefix).slice(-CONTEXT_MAX),
      suffix: fix(quote.suffix).slice(0, CONTEXT_MAX),
    },
  ];
  if (position) selectors.push(position);
  const text = collapseWhitespace(exact);
  if (!text) throw new ValidationError('TextQuoteSelector exact has no text');

  const bodies = readBodies(record);
  const tags = normalizeTags(bodies.tags.map(fix));
  if (tags.length > LIMITS.tags) throw new ValidationError(`more than ${LIMITS.tags} tags`);
  const long = tags.find((t) => t.length > LIMITS.tag);
  if (long)
    throw new ValidationError(
      `tag "${long.slice(0, 40)}…" is longer than ${LIMITS.tag} characters`,
    );
  const note = fix(bodies.notes.join('\n\n'));
  if (note.length > LIMITS.note)
    throw new ValidationError(`note is longer than ${LIMITS.note} characters`);

  const createdAt = typeof record.created === 'string' ? utcTime(record.created) : undefined;
  const modifiedAt = typeof record.modified === 'string' ? utcTime(record.modified) : undefined;
  const created = createdAt ?? modifiedAt ?? context.now;
  const updated = modifiedAt && Date.parse(modifiedAt) > Date.parse(created) ? modifiedAt : created;

  const annotation: Annotation = {
    id: idOf(record.id, [url, exact, quote.prefix, quote.suffix, createdAt ?? ''].join('\n')),
    url,
    quote: text,
    selectors,
    type: bodies.type ?? 'claim',
    tags,
    note,
    created,
    updated,
  };
  return { annotation, page: { url, title: fix(target.title), lang: fix(target.lang) } };
}

function idOf(id: unknown, content: string): string {
  if (typeof id === 'string' && id.length > 0 && id.length <= LIMITS.url) {
    const uuid = /^(?:urn:uuid:)?([0-9a-f-]{36})$/i.exec(id.trim())?.[1];
    if (uuid && isUuid(uuid)) return uuid.toLowerCase();
    return hashId(`w3c-id\n${id}`);
  }
  return hashId(`w3c-content\n${content}`);
}

interface Target {
  source: string;
  quote: { exact: string; prefix: string; suffix: string };
  position?: Selector;
  title: string;
  lang: string;
}

function pickTarget(value: unknown): Target {
  const targets = Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (targets.length === 0) throw new ValidationError('annotation has no target');
  let reason = 'target has no TextQuoteSelector (a quote of the page text)';
  for (const item of targets) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const target = item as Record<string, unknown>;
    const described =
      typeof target.source === 'object' && target.source !== null
        ? (target.source as Record<string, unknown>)
        : undefined;
    const source = typeof target.source === 'string' ? target.source : described?.id;
    if (typeof source !== 'string' || source.length === 0) {
      reason = 'target has no source URL';
      continue;
    }
    if (source.length > LIMITS.url) {
      reason = `target source is longer than ${LIMITS.url} characters`;
      continue;
    }
    const found = findSelectors(target.selector);
    if (!found.quote) continue;
    return {
      source,
      quote: found.quote,
      ...(found.position ? { position: found.position } : {}),
      title: firstString(described, ['dcterms:title', 'dc:title', 'title', 'label']).slice(
        0,
        1_000,
      ),
      lang: firstString(described, ['language']).slice(0, 50),
    };
  }
  throw new ValidationError(reason);
}

function findSelectors(value: unknown): {
  quote?: Target['quote'];
  position?: Selector;
} {
  const out: { quote?: Target['quote']; position?: Selector } = {};
  // `lists` counts arrays in arrays: `[[[…]]]` 100,000 deep must not overflow the stack.
  const visit = (item: unknown, depth: number, lists = 0): void => {
    if (depth > 4 || lists > 4) return;
    if (Array.isArray(item)) {
      for (const each of item) visit(each, depth, lists + 1);
      return;
    }
    if (typeof item !== 'object' || item === null) return;
    const selector = item as Record<string, unknown>;
    const types = typesOf(selector.type);
    if (types.includes('TextQuoteSelector') && typeof selector.exact === 'string' && !out.quote) {
      if (selector.exact.length > LIMITS.quote) {
        throw new ValidationError(`exact is longer than ${LIMITS.quote} characters`);
      }
      if (selector.exact.length > 0) {
        out.quote = {
          exact: selector.exact,
          prefix: typeof selector.prefix === 'string' ? selector.prefix : '',
          suffix: typeof selector.suffix === 'string' ? selector.suffix : '',
        };
      }
    } else if (depth === 0 && types.includes('TextPositionSelector') && !out.position) {
      const { start, end } = selector;
      if (
        typeof start === 'number' &&
        typeof end === 'number' &&
        Number.isSafeInteger(start) &&
        Number.isSafeInteger(end) &&
        start >= 0 &&
        end > start
      ) {
        out.position = { type: 'TextPositionSelector', start, end };
      }
    }
    if (selector.refinedBy !== undefined) visit(selector.refinedBy, depth + 1, lists);
  };
  visit(value, 0);
  return out;
}

interface Bodies {
  type?: ClaimType;
  tags: string[];
  notes: string[];
}

function readBodies(record: Record<string, unknown>): Bodies {
  const out: Bodies = { tags: [], notes: [] };
  if (typeof record.bodyValue === 'string' && record.bodyValue.trim()) {
    out.notes.push(record.bodyValue);
  }
  const list = Array.isArray(record.body)
    ? record.body
    : record.body === undefined
      ? []
      : [record.body];
  const read = (body: unknown, depth: number): void => {
    if (typeof body === 'string') {
      if (body.trim()) out.notes.push(body);
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body) || depth > 3) return;
    const b = body as Record<string, unknown>;
    const types = typesOf(b.type);
    if (types.includes('Choice') && Array.isArray(b.items)) {
      read(b.items[0], depth + 1);
      return;
    }
    const purposes = typesOf(b.purpose);
    const value =
      typeof b.value === 'string' ? b.value : typeof b.chars === 'string' ? b.chars : undefined;
    if (value === undefined) {
      const iri = typeof b.source === 'string' ? b.source : typeof b.id === 'string' ? b.id : '';
      if (!iri) return;
      if (purposes.includes('tagging') && types.includes('SpecificResource')) out.tags.push(iri);
      else out.notes.push(iri);
      return;
    }
    if (purposes.includes('tagging') || purposes.includes('classifying')) {
      const typed = value.startsWith(TYPE_TAG_PREFIX) ? value.slice(TYPE_TAG_PREFIX.length) : '';
      if (isClaimType(typed) && out.type === undefined) out.type = typed;
      else if (value.trim()) out.tags.push(value);
      return;
    }
    if (value.trim()) out.notes.push(value);
  };
  for (const body of list) read(body, 0);
  return out;
}

function firstString(record: Record<string, unknown> | undefined, keys: string[]): string {
  if (!record) return '';
  for (const key of keys) {
    const value = record[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first.trim()) return collapseWhitespace(first);
  }
  return '';
}
