/**
 * One claim from another tool's record: the checks every importer shares (URL, quote, context,
 * note, tags, times, limits, broken characters), so a Hypothesis annotation, an Obsidian Web
 * Clipper highlight and a CSV row are held to exactly what a Claimmark backup is. Throws
 * ValidationError with a reason a person can act on. Pure.
 */
import { hashId } from '../export/hash-id';
import { utcTime } from '../export/text';
import { LIMITS } from '../protocol/to-background';
import type { Annotation, ClaimType, Page, Selector } from '../core/model';
import { collapseWhitespace, normalizeTags } from '../core/model';
import { normalizeUrl } from '../core/url';
import { ValidationError } from '../core/validate';
import { fixText, isPageUrl } from './records';

/** Characters of stored context kept on each side (Claimmark stores ~32; others may store more). */
const CONTEXT_MAX = 1_000;
const TITLE_MAX = 1_000;

export interface ClaimInput {
  /** Candidate page URLs, best first: the first that is an http(s) or file URL is used. */
  urls: unknown[];
  exact: string;
  prefix?: string;
  suffix?: string;
  position?: { start: number; end: number };
  type?: ClaimType;
  tags?: string[];
  note?: string;
  created?: unknown;
  updated?: unknown;
  /** What makes the claim's stable id: the same input, the same id (a second import updates). */
  idSeed: string;
  /** A UUID the record carries (a Claimmark CSV's id column): used as is. */
  uuid?: string;
  title?: unknown;
}

export interface ImportedClaim {
  annotation: Annotation;
  page: Pick<Page, 'url' | 'title' | 'lang'>;
}

export interface ClaimContext {
  /** Import time, for records without a time. */
  now: string;
  onFix: () => void;
}

export function buildClaim(input: ClaimInput, context: ClaimContext): ImportedClaim {
  const fix = (text: string) => fixText(text, context.onFix);
  const url = pickUrl(input.urls, fix);
  if (input.exact.length > LIMITS.quote) {
    throw new ValidationError(`quote is longer than ${LIMITS.quote} characters`);
  }
  const exact = fix(input.exact);
  const quote = collapseWhitespace(exact);
  if (!quote) throw new ValidationError('quote has no text');
  const selectors: Selector[] = [
    {
      type: 'TextQuoteSelector',
      exact,
      prefix: fix(input.prefix ?? '').slice(-CONTEXT_MAX),
      suffix: fix(input.suffix ?? '').slice(0, CONTEXT_MAX),
    },
  ];
  const { position } = input;
  if (
    position &&
    Number.isSafeInteger(position.start) &&
    Number.isSafeInteger(position.end) &&
    position.start >= 0 &&
    position.end > position.start
  ) {
    selectors.push({ type: 'TextPositionSelector', start: position.start, end: position.end });
  }
  const tags = normalizeTags((input.tags ?? []).map(fix));
  if (tags.length > LIMITS.tags) throw new ValidationError(`more than ${LIMITS.tags} tags`);
  const long = tags.find((t) => t.length > LIMITS.tag);
  if (long) {
    throw new ValidationError(
      `tag "${long.slice(0, 40)}…" is longer than ${LIMITS.tag} characters`,
    );
  }
  const note = fix(input.note ?? '').trim();
  if (note.length > LIMITS.note) {
    throw new ValidationError(`note is longer than ${LIMITS.note} characters`);
  }
  const createdAt = timeOf(input.created);
  const updatedAt = timeOf(input.updated);
  const created = createdAt ?? updatedAt ?? context.now;
  const updated = updatedAt && Date.parse(updatedAt) > Date.parse(created) ? updatedAt : created;
  const title =
    typeof input.title === 'string' ? collapseWhitespace(fix(input.title)).slice(0, TITLE_MAX) : '';
  return {
    annotation: {
      id: input.uuid?.toLowerCase() ?? hashId(input.idSeed),
      url,
      quote,
      selectors,
      type: input.type ?? 'claim',
      tags,
      note,
      created,
      updated,
    },
    page: { url, title, lang: '' },
  };
}

function pickUrl(candidates: unknown[], fix: (text: string) => string): string {
  let reason = 'has no page URL';
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || !candidate.trim()) continue;
    if (candidate.length > LIMITS.url) {
      reason = `URL is longer than ${LIMITS.url} characters`;
      continue;
    }
    const url = normalizeUrl(fix(candidate.trim()));
    if (url.length <= LIMITS.url && isPageUrl(url)) return url;
    reason = 'URL must be an http(s) or file URL';
  }
  throw new ValidationError(reason);
}

/** An ISO time from a time stamp (ISO text or milliseconds), or undefined. */
function timeOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return utcTime(new Date(value).toISOString());
  }
  if (typeof value !== 'string' || !value.trim() || value.length > 40) return undefined;
  return utcTime(value.trim());
}
