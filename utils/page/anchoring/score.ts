/**
 * Scoring, acceptance and ranking of quote-match candidates. PURE: no DOM.
 *
 * The score is Hypothesis' (match-quote.ts): a weighted mean of quote similarity
 * (1 - errors / quote length), prefix and suffix similarity (similarity.ts) and closeness to the
 * expected position, with weights 50 / 20 / 20 / 2. Unlike Hypothesis, a candidate that is not
 * acceptable (isAcceptable) is rejected: Claimmark prefers an orphan to a highlight on the wrong
 * words. Among acceptable candidates the one with the highest RANK wins (rankOf): the score, plus
 * a bonus for lying near the expected position, so that of two candidates whose words and context
 * agree about equally well the one where the claim stood wins, and minus a penalty for lying in
 * secondary text (pull quotes, asides, hidden text: see anchor.ts), which wins over the article's
 * own text only when it agrees with the claim far better.
 */
import { rawAfter, rawBefore } from './context';
import { normalize } from './normalize';
import { bestSimilarity, contextSimilarity } from './similarity';
import type { Found } from './fuzzy-search';

export const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const TOTAL = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/**
 * The lowest acceptable score of a quote of SHORT_LENGTH characters or more. Context similarity
 * between unrelated texts is ~0.1–0.4, so at 0.75 an approximate match needs at least one side
 * of its context nearly intact (p = 1 and s = 0.25 need quote similarity >= 0.84): a look-alike
 * sentence elsewhere is rejected. Measured on 11 fixture pages (~5,000 random quotes; paragraphs
 * deleted, look-alike sentences planted elsewhere): wrong candidates of long quotes scored at most
 * 0.71, except where the page itself repeats the sentence; right ones (typo fixed, words next to
 * the quote edited) 0.85 and more.
 */
export const MIN_SCORE = 0.75;
/**
 * Short quotes ("$17 billion", a name, "the U.S.") recur on a page, and only their 2 × 32
 * characters of context tell the occurrences apart; common words make unrelated contexts look
 * alike (up to ~0.7). On the fixture pages, wrong exact occurrences of short quotes whose
 * paragraph was deleted scored up to 0.85 (besides phrases the page repeats with the same words
 * around them), while right ones with a word edited on each side scored 0.85 or more in 99.7%
 * of cases.
 */
export const MIN_SCORE_SHORT = 0.85;
export const SHORT_LENGTH = 32;
/** A context side this similar is intact: enough for a short exact quote (paragraph inserted). */
export const INTACT_CONTEXT = 0.9;
/**
 * A quote of LONG_LENGTH characters or more that agrees this well (at most 3 errors in 100) is
 * accepted whatever the context right next to it, as long as one side of its stored context is
 * still found intact within DISPLACED_REACH characters on that side: paragraphs, pull quotes or
 * promos inserted next to it make the context next to it unrecognizable, not the article around
 * it. One that agrees ALMOST_EXACT (at most 1 error in 100: a typo fixed in a sentence or two)
 * needs no context at all within NEAR_DISTANCE of its expected position (its neighbours may be
 * gone). A look-alike sentence (a clause, a figure, a word changed: 0.92 at 64 characters, 0.97
 * at 200) is rejected; so is a near copy elsewhere, in other surroundings.
 */
export const LONG_LENGTH = 60;
export const NEAR_EXACT = 0.97;
export const ALMOST_EXACT = 0.99;
/** How far (in normalized characters) displaced context is looked for; see NEAR_EXACT. */
export const DISPLACED_REACH = 1024;
/** Stored context shorter than this (the quote starts or ends the page) is no evidence of place. */
const MIN_CONTEXT = 16;
/**
 * A short quote with one error (a typo fixed in it) is accepted with one side of its context
 * agreeing this well (at most 1 error in 32) when it lies within NEAR_DISTANCE of its expected
 * position and has MIN_EDITED_LENGTH characters or more: the other side may be gone (a
 * paragraph inserted before it, the next one deleted).
 */
export const ONE_SIDE_CONTEXT = 0.95;
export const MIN_EDITED_LENGTH = 10;
/** "Near" the expected position, in characters of normalized text (whitespace runs count one). */
export const NEAR_DISTANCE = 4096;
/**
 * Ranking (rankOf): a candidate at the expected position gets POSITION_BONUS, one NEAR_DISTANCE
 * or more away none, linearly in between: worth a few characters of context (one is
 * 20 / 92 / 32 ≈ 0.007) or one error in a short quote, far less than what tells a claim from an
 * unrelated occurrence.
 */
export const POSITION_BONUS = 0.05;
/**
 * A candidate in secondary text (a pull quote, an aside, hidden text: see anchor.ts) ranks as if
 * one side of its context disagreed entirely (20 / 92): a pull quote repeats a sentence as it was
 * first published, the article's copy may have been corrected since, and a pull quote standing
 * right before the paragraph it quotes takes over the paragraph's prefix. A claim made in an
 * aside, whose context there is intact, still beats a copy of its words in unrelated context.
 */
export const SECONDARY_PENALTY = WEIGHTS.prefix / TOTAL;

export interface ScoreContext {
  /** The original text; candidates are offsets into it. */
  text: string;
  /** Length of the normalized quote. */
  quoteLength: number;
  /** Normalized stored context ('' when unknown). */
  prefix: string;
  suffix: string;
  hint?: number;
}

export interface Scored extends Found {
  score: number;
  quoteScore: number;
  prefixScore: number;
  suffixScore: number;
  /** Distance from the expected position in normalized characters; Infinity when unknown. */
  distance: number;
  /** Rank penalty (SECONDARY_PENALTY for a candidate in secondary text), set by the caller. */
  penalty: number;
}

/** The normalized page text on one side of an offset, long enough to align `length` chars. */
function around(text: string, offset: number, length: number, side: 'prefix' | 'suffix'): string {
  const reach = length + (length >> 1) + 8;
  return normalize(
    side === 'prefix' ? rawBefore(text, offset, reach) : rawAfter(text, offset, reach),
  );
}

/** Score a candidate; `distance` is from the expected position, in normalized characters. */
export function scoreCandidate(found: Found, context: ScoreContext, distance = Infinity): Scored {
  const { text, quoteLength, prefix, suffix, hint } = context;
  const quoteScore = Math.max(0, 1 - found.errors / quoteLength);
  const prefixScore = contextSimilarity(
    prefix,
    around(text, found.start, prefix.length, 'prefix'),
    'prefix',
  );
  const suffixScore = contextSimilarity(
    suffix,
    around(text, found.end, suffix.length, 'suffix'),
    'suffix',
  );
  const positionScore =
    hint === undefined ? 1 : 1 - Math.abs(found.start - hint) / Math.max(1, text.length);
  const score =
    (WEIGHTS.quote * quoteScore +
      WEIGHTS.prefix * prefixScore +
      WEIGHTS.suffix * suffixScore +
      WEIGHTS.position * positionScore) /
    TOTAL;
  return { ...found, score, quoteScore, prefixScore, suffixScore, distance, penalty: 0 };
}

/**
 * How well the stored context agrees with the page within DISPLACED_REACH characters of the
 * candidate, on its side, wherever it lies there: the better side, 0 when neither side is stored.
 */
export function displacedContext(candidate: Found, context: ScoreContext): number {
  const { text, prefix, suffix } = context;
  const side = (expected: string, actual: () => string): number =>
    expected.length < MIN_CONTEXT ? 0 : bestSimilarity(expected, normalize(actual()));
  return Math.max(
    side(prefix, () => rawBefore(text, candidate.start, DISPLACED_REACH)),
    side(suffix, () => rawAfter(text, candidate.end, DISPLACED_REACH)),
  );
}

/**
 * Whether a candidate is good enough to attach a highlight to:
 * - an exact quote of SHORT_LENGTH characters or more: always, it identifies its place by itself;
 * - any other long quote: score >= MIN_SCORE; or, from LONG_LENGTH characters, quote similarity
 *   >= ALMOST_EXACT near the expected position, or >= NEAR_EXACT with one side of its context
 *   found intact a little further away (displacedContext);
 * - a short exact quote: one side of its context intact, or score >= MIN_SCORE_SHORT;
 * - a short quote with one error: one side of its context nearly intact near the expected
 *   position (see ONE_SIDE_CONTEXT);
 * - a short quote with errors: score >= MIN_SCORE_SHORT, which takes context agreeing 0.7 (one
 *   error in 30 characters) to 0.97 (one in 4) on average.
 */
export function isAcceptable(candidate: Scored, context: ScoreContext): boolean {
  const { errors, score, quoteScore, prefixScore, suffixScore, distance } = candidate;
  const { quoteLength } = context;
  if (quoteLength >= SHORT_LENGTH) {
    if (errors === 0 || score >= MIN_SCORE) return true;
    if (quoteLength < LONG_LENGTH) return false;
    if (quoteScore >= ALMOST_EXACT && distance <= NEAR_DISTANCE) return true;
    return quoteScore >= NEAR_EXACT && displacedContext(candidate, context) >= INTACT_CONTEXT;
  }
  const side = Math.max(prefixScore, suffixScore);
  if (errors === 0 && side >= INTACT_CONTEXT) return true;
  if (
    errors === 1 &&
    quoteLength >= MIN_EDITED_LENGTH &&
    side >= ONE_SIDE_CONTEXT &&
    distance <= NEAR_DISTANCE
  ) {
    return true;
  }
  return score >= MIN_SCORE_SHORT;
}

/** How a candidate compares with other acceptable ones: higher is better (see the header). */
export function rankOf(candidate: Scored): number {
  const closeness = Math.max(0, 1 - candidate.distance / NEAR_DISTANCE);
  return candidate.score + POSITION_BONUS * closeness - candidate.penalty;
}

/**
 * How far from the expected position (in normalized characters) an approximate match of a quote
 * of `quoteLength` characters would have to lie to rank above `best`, at most: Infinity when it
 * could lie anywhere, 0 or less when none can (every approximate match scores below
 * (50 (1 - 1 / quoteLength) + 20 + 20 + 2) / 92, and gets POSITION_BONUS at most).
 */
export function reachToBeat(best: Scored, quoteLength: number): number {
  const quote = Math.max(0, 1 - 1 / quoteLength);
  const ceiling =
    (WEIGHTS.quote * quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position) / TOTAL;
  const gap = rankOf(best) - ceiling; // what the position bonus must make up for
  if (gap <= 0) return Infinity;
  return NEAR_DISTANCE * (1 - gap / POSITION_BONUS);
}
