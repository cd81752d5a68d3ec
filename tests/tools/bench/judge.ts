/**
 * Scoring a landing against the ground truth, in the text model of the page it was anchored on.
 * correct: on the expected span (both trimmed of whitespace), or null for a claim whose paragraph
 * was deleted; wrong: anywhere else, on other text, or in text outside the model (a script);
 * orphaned: null where a span was expected.
 */
import type { Landing } from './dom-model';
import { trimSpan } from './dom-model';
import type { Expected } from './edits';

export type Outcome = 'correct' | 'wrong' | 'orphaned' | 'excluded';

export function judge(text: string, expected: Expected, landing: Landing | null): Outcome {
  if (expected === 'damaged') return 'excluded';
  if (!landing) return expected === 'orphan' ? 'correct' : 'orphaned';
  if (expected === 'orphan' || landing.outside) return 'wrong';
  const [s, e] = trimSpan(text, landing.start, landing.end);
  return s === expected.start && e === expected.end ? 'correct' : 'wrong';
}

export interface Tally {
  claims: number;
  correct: number;
  wrong: number;
  orphaned: number;
}

export function tally(outcomes: Outcome[]): Tally {
  const t: Tally = { claims: 0, correct: 0, wrong: 0, orphaned: 0 };
  for (const o of outcomes) {
    if (o === 'excluded') continue;
    t.claims++;
    t[o]++;
  }
  return t;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
