/**
 * Find a quote in page text, Hypothesis-style (match-quote.ts): candidates are scored on quote,
 * prefix, suffix and position similarity, but a candidate must also be acceptable (score.ts), so
 * a quote whose words are gone is an orphan rather than a highlight on the wrong words. PURE: no
 * DOM (what the DOM says about a candidate comes in as a callback, QuoteContext.penalty).
 *
 * All matching happens in a normalized view of the text that ignores whitespace, invisible
 * characters and typographic quotes (normalize.ts), built once per text. Candidates: every exact
 * occurrence (indexOf), then, unless the best of them ranks above anything an approximate match
 * could reach, approximate matches (approx-string-match) in growing windows around the expected
 * position, then in the whole text. The acceptable candidate with the highest rank wins: an
 * exact copy does not beat an edited original as such (a pull quote repeating the sentence as it
 * was, far from where the claim stood, against the sentence with a typo fixed, where it stood).
 */
import type { NormalizedText } from './normalize';
import { fromView, normalize, normalizeText, toView } from './normalize';
import type { Found } from './fuzzy-search';
import { fuzzySearch, maxErrorsFor } from './fuzzy-search';
import type { Scored, ScoreContext } from './score';
import { isAcceptable, rankOf, reachToBeat, scoreCandidate } from './score';
import { snapToWords } from './words';

export interface QuoteMatch {
  start: number;
  end: number;
  /** Normalized score in [0, 1] (see score.ts). */
  score: number;
  /** True when the text matches the quote up to whitespace, invisible characters and quotes. */
  exact: boolean;
  /** With `quoteOnly`: how many times the quote occurs in the text. */
  occurrences?: number;
}

export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Expected start offset of the quote (its stored position). */
  hint?: number;
  /**
   * A rank penalty for the candidate at text offsets `[start, end)` (0 for none): anchor.ts gives
   * SECONDARY_PENALTY to candidates in pull quotes, asides and hidden text. Asked only about
   * acceptable candidates that could otherwise be the best.
   */
  penalty?: (start: number, end: number) => number;
  /**
   * The claim has nothing but its quote (imported from a tool that keeps no context or
   * position): its first exact occurrence wins — the first outside secondary text (`penalty`
   * 0) when there is one — and `occurrences` says how many there are. No exact occurrence: the
   * usual search.
   */
  quoteOnly?: boolean;
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
  const center = context.hint === undefined ? undefined : toView(view, context.hint);
  const penalty = context.penalty;

  // Candidates found in view offsets, scored in text offsets, once each.
  const seen = new Set<string>();
  let top: Scored | null = null;
  /** Score new candidates; true when one of them is acceptable. */
  const consider = (found: Found[]): boolean => {
    let any = false;
    for (const f of found) {
      let [start, end] = fromView(view, f.start, f.end);
      if (f.errors > 0) {
        ({ start, end } = snapToWords(text, start, end, pattern, scoring.prefix, scoring.suffix));
      }
      const key = `${start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const distance = center === undefined ? Infinity : Math.abs(f.start - center);
      const scored = scoreCandidate({ start, end, errors: f.errors }, scoring, distance);
      if (!isAcceptable(scored, scoring)) continue;
      any = true;
      // The penalty only lowers a rank: ask for it only when the candidate could be the best.
      if (top && rankOf(scored) <= rankOf(top)) continue;
      if (penalty) scored.penalty = penalty(start, end);
      if (!top || rankOf(scored) > rankOf(top)) top = scored;
    }
    return any;
  };

  consider(exactOccurrences(view.text, pattern));
  const maxErrors = maxErrorsFor(pattern.length);
  if (maxErrors === 0) return top;
  // Search for approximate matches only where one could outrank the best exact occurrence.
  const reach = top ? reachToBeat(top, pattern.length) : Infinity;
  if (reach <= 0 || (reach !== Infinity && center === undefined)) return top;

  // Approximate matches in a region. approx-string-match reports only the lowest-error ones:
  // when those are exact occurrences (weighed above) or rejected, search between them too, as
  // the edited original may be the next best.
  let approximate = false; // an acceptable approximate candidate was found
  const fuzzy = (lo: number, hi: number): boolean => {
    const found = fuzzySearch(view.text, lo, hi, pattern, maxErrors);
    let any = consider(found.filter((f) => f.errors > 0));
    if (!any && found.length > 0) {
      const next = gapsBetween(found, lo, hi).flatMap(([a, b]) =>
        fuzzySearch(view.text, a, b, pattern, maxErrors),
      );
      any = consider(next.filter((f) => f.errors > 0));
    }
    approximate ||= any;
    return approximate;
  };
  if (center !== undefined) {
    for (const window of WINDOWS) {
      const width = Math.min(window, reach);
      const [lo, hi] = [center - width, center + pattern.length + width];
      if (fuzzy(lo, hi) || width === reach || (lo <= 0 && hi >= view.text.length)) return top;
    }
  }
  fuzzy(0, view.text.length);
  return top;
}

/**
 * A matcher over one text: its normalized view is built on first use and reused, so anchoring a
 * batch of quotes against one page normalizes the page once.
 */
export function createQuoteMatcher(text: string): QuoteMatcher {
  let view: NormalizedText | undefined;
  return (quote, context = {}) => {
    view ??= normalizeText(text);
    if (context.quoteOnly) {
      const pattern = normalize(quote).trim();
      const all = pattern ? exactOccurrences(view.text, pattern) : [];
      const spans = all.map((f) => fromView(view!, f.start, f.end));
      const [start, end] =
        spans.find(([a, b]) => !context.penalty || context.penalty(a, b) === 0) ?? spans[0] ?? [];
      if (start !== undefined && end !== undefined) {
        return { start, end, score: 1, exact: true, occurrences: all.length };
      }
    }
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
