/**
 * Claim search. Pure.
 *
 * A query is whitespace-separated terms, all of which must match (AND):
 * - a word matches when the quote, note, page title, site name or a tag contains it;
 * - `"two words"` matches the phrase the same way;
 * - `tag:x` (or `#x`) keeps claims with a tag starting with x; `type:x` claims whose type starts
 *   with x (`type:fig`).
 * Matching ignores case, diacritics (NFKD, combining marks dropped) and the typographic form of
 * quotes and dashes, so `tiktok's` finds “TikTok’s” and `sao paulo` finds “São Paulo”.
 *
 * Ranking: each word scores by the best field it matched — quote 3, note 2, title/site/tags 1 —
 * summed; ties, and queries without words, are ordered newest first (created), then by id.
 */
import type { Annotation, Page } from './model';

export interface SearchHit {
  annotation: Annotation;
  page?: Page;
  score: number;
}

interface Query {
  words: string[];
  tags: string[];
  types: string[];
}

const WEIGHT = { quote: 3, note: 2, context: 1 } as const;

export function searchAnnotations(
  query: string,
  annotations: Annotation[],
  pages: Map<string, Page>,
): SearchHit[] {
  const { words, tags, types } = parseQuery(query);
  const hits: SearchHit[] = [];
  for (const annotation of annotations) {
    const claimTags = annotation.tags.map(fold);
    if (!tags.every((t) => claimTags.some((c) => c.startsWith(t)))) continue;
    if (!types.every((t) => annotation.type.startsWith(t))) continue;
    const page = pages.get(annotation.url);
    const score = scoreOf(words, annotation, page, claimTags);
    if (score !== null) hits.push({ annotation, page, score });
  }
  return hits.sort(
    (a, b) =>
      b.score - a.score ||
      timeOf(b.annotation.created) - timeOf(a.annotation.created) ||
      (a.annotation.id < b.annotation.id ? -1 : a.annotation.id > b.annotation.id ? 1 : 0),
  );
}

/** The summed field weights of the words, or null when a word matches nowhere. */
function scoreOf(
  words: string[],
  annotation: Annotation,
  page: Page | undefined,
  claimTags: string[],
): number | null {
  if (words.length === 0) return 0;
  const quote = fold(annotation.quote);
  const note = fold(annotation.note);
  const context = [fold(page?.title ?? ''), fold(page?.siteName ?? ''), ...claimTags].join('\n');
  let score = 0;
  for (const word of words) {
    const weight = quote.includes(word)
      ? WEIGHT.quote
      : note.includes(word)
        ? WEIGHT.note
        : context.includes(word)
          ? WEIGHT.context
          : 0;
    if (weight === 0) return null;
    score += weight;
  }
  return score;
}

function parseQuery(query: string): Query {
  const parsed: Query = { words: [], tags: [], types: [] };
  for (const [, prefix = '', phrase, bare = ''] of fold(query).matchAll(
    /(tag:|type:|#)?(?:"([^"]*)"?|(\S+))/g,
  )) {
    const term = (phrase ?? bare).replace(/\s+/g, ' ').trim();
    if (!term) continue;
    if (prefix === 'type:') parsed.types.push(term);
    else if (prefix) parsed.tags.push(term);
    else parsed.words.push(term);
  }
  return parsed;
}

/** Case-, diacritic- and typography-insensitive form of a text. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, ' ');
}

function timeOf(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}
