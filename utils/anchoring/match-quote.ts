/**
 * Find a quote in page text, Hypothesis-style (match-quote.ts): candidates are scored on quote,
 * prefix, suffix and position similarity, but the best candidate must also be acceptable
 * (score.ts), so a quote whose words are gone is an orphan rather than a highlight on the wrong
 * words. PURE: no DOM.
 *
 * All matching happens in a normalized view of the text that ignores whitespace, invisible
 * characters and typographic quotes (normalize.ts), built once per text. Search order: exact
 * occurrences (indexOf), then, unless one of them is a confident match, approximate matches
 * (approx-string-match) in growing windows around the expected position, then in the whole text.
 */
import type { NormalizedText } from './normalize';
import { fromView, normalize, normalizeText, toView } from './normalize';
import type { Found } from './fuzzy-search';
import { fuzzySearch, maxErrorsFor } from './fuzzy-search';
import type { Scored, ScoreContext } from './score';
import { CONFIDENT_SCORE, isAcceptable, scoreCandidate } from './score';
import { snapToWords } from './words';

export interface QuoteMatch {
  start: number;
  end: number;
  /** Normalized score in [0, 1] (see score.ts). */
  score: number;
  /** True when the text matches the quote up to whitespace, invisible characters and quotes. */
  exact: boolean;
}

export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Expected start offset of the quote (its stored position). */
  hint?: number;
}

export type QuoteMatcher = (quote: string, context?: QuoteContext) => QuoteMatch | null;

/** Fuzzy search windows around the expected position, in characters either side. */
const WINDOWS = [256, 4096];

function exactOccurrences(text: string, quote: string): Found[] {
  const found: Found[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    found.push({ start: i, end: i + quote.length, errors: 0 });
  }
  return found;
}

/** The complement of `found` within `[lo, hi)`. */
function gapsBetween(found: Found[], lo: number, hi: number): [number, number][] {
  const gaps: [number, number][] = [];
  let cursor = lo;
  for (const f of [...found].sort((a, b) => a.start - b.start)) {
    if (f.start > cursor) gaps.push([cursor, f.start]);
    cursor = Math.max(cursor, f.end);
  }
  if (hi > cursor) gaps.push([cursor, hi]);
  return gaps;
}

const better = (a: Scored | null, b: Scored | null): Scored | null =>
  !a ? b : !b ? a : b.score > a.score ? b : a;

function toMatch(found: Scored): QuoteMatch {
  return { start: found.start, end: found.end, score: found.score, exact: found.errors === 0 };
}

/** Finds quotes in one normalized text; see {@link createQuoteMatcher}. */
function findQuote(
  text: string,
  view: NormalizedText,
  quote: string,
  context: QuoteContext,
): Scored | null {
  const pattern = normalize(quote).trim();
  if (pattern.length === 0) return null;
  const scoring: ScoreContext = {
    text,
    quoteLength: pattern.length,
    prefix: normalize(context.prefix ?? ''),
    suffix: normalize(context.suffix ?? ''),
    hint: context.hint,
  };
  /** The best candidate (found in view offsets, returned in text offsets), if acceptable. */
  const bestOf = (found: Found[]): Scored | null => {
    let top: Scored | null = null;
    for (const f of found) {
      let [start, end] = fromView(view, f.start, f.end);
      if (f.errors > 0) {
        ({ start, end } = snapToWords(text, start, end, pattern, scoring.prefix, scoring.suffix));
      }
      top = better(top, scoreCandidate({ start, end, errors: f.errors }, scoring));
    }
    return top && isAcceptable(top, pattern.length) ? top : null;
  };

  const exact = bestOf(exactOccurrences(view.text, pattern));
  if (exact && exact.score >= CONFIDENT_SCORE) return exact;
  const maxErrors = maxErrorsFor(pattern.length);
  if (maxErrors === 0) return exact;

  // Approximate matches in a region. approx-string-match reports only the lowest-error ones:
  // when those are exact occurrences (weighed above) or rejected, search between them too, as
  // the edited original may be the next best.
  const fuzzy = (lo: number, hi: number): Scored | null => {
    const found = fuzzySearch(view.text, lo, hi, pattern, maxErrors);
    const top = bestOf(found.filter((f) => f.errors > 0));
    if (top || found.length === 0) return top;
    const next = gapsBetween(found, lo, hi).flatMap(([a, b]) =>
      fuzzySearch(view.text, a, b, pattern, maxErrors),
    );
    return bestOf(next.filter((f) => f.errors > 0));
  };
  if (context.hint !== undefined) {
    const center = toView(view, context.hint);
    for (const width of WINDOWS) {
      const [lo, hi] = [center - width, center + pattern.length + width];
      const found = fuzzy(lo, hi);
      if (found || (lo <= 0 && hi >= view.text.length)) return better(exact, found);
    }
  }
  return better(exact, fuzzy(0, view.text.length));
}

/**
 * A matcher over one text: its normalized view is built on first use and reused, so anchoring a
 * batch of quotes against one page normalizes the page once.
 */
export function createQuoteMatcher(text: string): QuoteMatcher {
  let view: NormalizedText | undefined;
  return (quote, context = {}) => {
    view ??= normalizeText(text);
    const found = findQuote(text, view, quote, context);
    return found && toMatch(found);
  };
}

/** The best acceptable match of `quote` in `text`, or null. */
export function matchQuote(
  text: string,
  quote: string,
  context: QuoteContext = {},
): QuoteMatch | null {
  return createQuoteMatcher(text)(quote, context);
}
