/**
 * Claim search: the query language (query.ts), tokens (tokenize.ts), matching and ranking
 * (match.ts), the stored index (stream.ts, shards.ts) and its in-memory form (memory-index.ts).
 * Pure. The Dexie side — keeping the index on every write, loading and querying it — is
 * `./maintain` (used by utils/store/db.ts) and `./engine` (extension pages), never the content script.
 */
import type { Annotation, Page } from '../core/model';
import { byRecency, claimDoc, scoreClaim } from './match';
import { parseQuery } from './query';

export { fold } from './fold';
export { tokenize, type Token } from './tokenize';
export { parseQuery, isEmptyQuery, type ParsedQuery, type TextTerm } from './query';
export { highlightRanges, scoreClaim, claimDoc, WEIGHT } from './match';
export { claimEntry, pageEntry, siteKeys, hostOf, tokenStream } from './stream';

export interface SearchHit {
  annotation: Annotation;
  page?: Page;
  /** Sum over the query's words of the best field each matched: quote 3, note 2, context 1. */
  score: number;
}

/**
 * Search claims in memory: the reference the index-backed engine reproduces, and fine for a few
 * thousand claims. Best score first, then newest first.
 */
export function searchAnnotations(
  query: string,
  annotations: readonly Annotation[],
  pages: ReadonlyMap<string, Page>,
): SearchHit[] {
  const parsed = parseQuery(query);
  const hits: SearchHit[] = [];
  for (const annotation of annotations) {
    const page = pages.get(annotation.url);
    const score = scoreClaim(parsed, claimDoc(annotation, page));
    if (score !== null) hits.push({ annotation, page, score });
  }
  return hits.sort((a, b) => b.score - a.score || byRecency(a.annotation, b.annotation));
}
