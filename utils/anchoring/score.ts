/**
 * Scoring and acceptance of quote-match candidates. PURE: no DOM.
 *
 * The score is Hypothesis' (match-quote.ts): a weighted mean of quote similarity
 * (1 - errors / quote length), prefix and suffix similarity (similarity.ts) and closeness to the
 * expected position, with weights 50 / 20 / 20 / 2. Unlike Hypothesis, a best candidate that is
 * not acceptable is rejected: Claimmark prefers an orphan to a highlight on the wrong words.
 */
import { rawAfter, rawBefore } from './context';
import { normalize } from './normalize';
import { contextSimilarity } from './similarity';
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
/** An exact match scoring this much is taken without looking for approximate ones. */
export const CONFIDENT_SCORE = 0.9;

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
  prefixScore: number;
  suffixScore: number;
}

/** The normalized page text on one side of an offset, long enough to align `length` chars. */
function around(text: string, offset: number, length: number, side: 'prefix' | 'suffix'): string {
  const reach = length + (length >> 1) + 8;
  return normalize(
    side === 'prefix' ? rawBefore(text, offset, reach) : rawAfter(text, offset, reach),
  );
}

export function scoreCandidate(found: Found, context: ScoreContext): Scored {
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
  return { ...found, score, prefixScore, suffixScore };
}

/**
 * Whether the best candidate is good enough to attach a highlight to:
 * - an exact quote of SHORT_LENGTH characters or more: always, it identifies its place by itself;
 * - any other long quote: score >= MIN_SCORE;
 * - a short exact quote: one side of its context intact, or score >= MIN_SCORE_SHORT;
 * - a short quote with errors: score >= MIN_SCORE_SHORT, which takes context agreeing 0.7 (one
 *   error in 30 characters) to 0.97 (one in 4) on average.
 */
export function isAcceptable(candidate: Scored, quoteLength: number): boolean {
  const { errors, score, prefixScore, suffixScore } = candidate;
  if (quoteLength >= SHORT_LENGTH) return errors === 0 || score >= MIN_SCORE;
  if (errors === 0 && Math.max(prefixScore, suffixScore) >= INTACT_CONTEXT) return true;
  return score >= MIN_SCORE_SHORT;
}
