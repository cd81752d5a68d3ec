/**
 * Whether and how well one claim matches a parsed query — the definition of search results that
 * the in-memory index (memory-index.ts) reproduces at scale — and where the matches are, for
 * highlighting. Pure.
 *
 * Ranking: each text term scores by the best field it matches — quote 3, note 2, page title,
 * site name or tag 1 — and a claim's score is the sum. Ties go newest first.
 */
import type { Annotation, Page } from '../core/model';
import type { ParsedQuery, QueryToken, TextTerm } from './query';
import { foldTag, siteKeys } from './stream';
import { tokenize, type Token } from './tokenize';

export const WEIGHT = { quote: 3, note: 2, context: 1 } as const;

/** A claim prepared for matching: its fields tokenized once. */
export interface ClaimDoc {
  annotation: Annotation;
  page?: Page;
  quote: Token[];
  note: Token[];
  /** Title, site name and each tag: separate runs (a phrase does not cross them). */
  context: Token[][];
  tags: string[];
  sites: string[];
}

export function claimDoc(annotation: Annotation, page: Page | undefined): ClaimDoc {
  return {
    annotation,
    page,
    quote: tokenize(annotation.quote),
    note: tokenize(annotation.note),
    context: [
      tokenize(page?.title ?? ''),
      tokenize(page?.siteName ?? ''),
      ...annotation.tags.map(tokenize),
    ],
    tags: annotation.tags.map(foldTag),
    sites: page ? siteKeys(page.url, page.siteName) : [],
  };
}

function tokenMatches(query: QueryToken, token: Token): boolean {
  for (const form of token.forms) {
    if (query.prefix ? form.startsWith(query.key) : form === query.key) return true;
  }
  return false;
}

/** Start offsets (token indexes) where `term` matches in `tokens`. */
function matchesIn(term: TextTerm, tokens: readonly Token[]): number[] {
  const found: number[] = [];
  const n = term.tokens.length;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) ok = tokenMatches(term.tokens[k]!, tokens[i + k]!);
    if (ok) found.push(i);
  }
  return found;
}

function occursIn(term: TextTerm, tokens: readonly Token[]): boolean {
  const n = term.tokens.length;
  for (let i = 0; i + n <= tokens.length; i++) {
    let k = 0;
    while (k < n && tokenMatches(term.tokens[k]!, tokens[i + k]!)) k++;
    if (k === n) return true;
  }
  return false;
}

/** The weight of the best field `term` matches in, 0 when none. */
export function termWeight(term: TextTerm, doc: ClaimDoc): number {
  if (occursIn(term, doc.quote)) return WEIGHT.quote;
  if (occursIn(term, doc.note)) return WEIGHT.note;
  return doc.context.some((run) => occursIn(term, run)) ? WEIGHT.context : 0;
}

/** Whether the claim passes the query's filters (type, tag, site, dates). */
export function passesFilters(query: ParsedQuery, doc: ClaimDoc): boolean {
  const { annotation } = doc;
  if (query.types.length > 0 && !query.types.includes(annotation.type)) return false;
  if (query.excludeTypes.includes(annotation.type)) return false;
  if (!query.tags.every((t) => doc.tags.some((tag) => tag.startsWith(t)))) return false;
  if (query.excludeTags.some((t) => doc.tags.some((tag) => tag.startsWith(t)))) return false;
  if (query.sites.length > 0 && !query.sites.some((s) => doc.sites.some((k) => k.startsWith(s))))
    return false;
  if (query.excludeSites.some((s) => doc.sites.some((k) => k.startsWith(s)))) return false;
  const author = doc.annotation.author ? foldTag(doc.annotation.author) : undefined;
  if (query.authors.length > 0 && !query.authors.some((a) => author?.startsWith(a))) return false;
  if (query.excludeAuthors.some((a) => author?.startsWith(a))) return false;
  const created = Date.parse(annotation.created);
  if (query.before !== undefined && !(created < dateBound(query.before))) return false;
  if (query.after !== undefined && !(created >= dateBound(query.after))) return false;
  return true;
}

/** The first instant (ms, UTC) of an ISO date prefix: `2025`, `2025-04`, `2025-04-01`. */
export function dateBound(prefix: string): number {
  const [year, month = '1', day = '1'] = prefix.split('-');
  return Date.UTC(Number(year), Number(month) - 1, Number(day));
}

/** The claim's score for the query, or null when it does not match. */
export function scoreClaim(query: ParsedQuery, doc: ClaimDoc): number | null {
  if (!passesFilters(query, doc)) return null;
  if (query.exclude.some((term) => termWeight(term, doc) > 0)) return null;
  let score = 0;
  for (const term of query.include) {
    const weight = termWeight(term, doc);
    if (weight === 0) return null;
    score += weight;
  }
  return score;
}

/** Ranges [start, end) of `text` that the query's words and phrases match, merged. */
export function highlightRanges(text: string, query: ParsedQuery): [number, number][] {
  if (query.include.length === 0 || !text) return [];
  const tokens = tokenize(text);
  const ranges: [number, number][] = [];
  for (const term of query.include) {
    for (const at of matchesIn(term, tokens)) {
      ranges.push([tokens[at]!.start, tokens[at + term.tokens.length - 1]!.end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** Newest first (unreadable dates last); equal times by id, descending. */
export function byRecency(a: Annotation, b: Annotation): number {
  const ta = Date.parse(a.created);
  const tb = Date.parse(b.created);
  if (ta !== tb && !(Number.isNaN(ta) && Number.isNaN(tb))) {
    if (Number.isNaN(ta)) return 1;
    if (Number.isNaN(tb)) return -1;
    return tb - ta;
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
