/**
 * Anchoring runs, timed where they run: in Node on a jsdom document, or inside the Chromium page
 * (this file is bundled into the page, see page-entry.ts). DOM code: the root is a parameter.
 *
 * - ours: one buildTextModel for the batch, then anchor() for every claim (what the content
 *   script does on page load); the model build is inside the timing.
 * - peer: dom-anchor-text-quote's toRange(root, {exact, prefix, suffix}, {hint}) for every claim,
 *   fed the same TextQuoteSelector and the same position, translated to the textContent offsets
 *   the library counts in (see peerHints).
 */
import { toRange } from 'dom-anchor-text-quote';
import { anchor } from '../../../utils/page/anchoring/anchor';
import { buildTextModel } from '../../../utils/page/anchoring/text-model';
import type { Selector, TextPositionSelector, TextQuoteSelector } from '../../../utils/core/model';
import type { Landing } from './dom-model';
import { modelToContent, rangeToModel, refModel } from './dom-model';

export interface BenchClaim {
  id: number;
  selectors: Selector[];
}

export interface RunResult {
  /** Milliseconds of each repeat, for all claims together. */
  ms: number[];
  /** Where each claim landed (first repeat), in model offsets; null for an orphan. */
  landings: (Landing | null)[];
  /** Ours only: the offsets anchor() reported, to cross-check against its Range. */
  reported?: ([number, number, string] | null)[];
  /** Peer only: claims on which the library threw (counted as orphans). */
  errors?: number;
  /** Whether every repeat gave the same landings as the first. */
  stable: boolean;
}

const quoteOf = (claim: BenchClaim): TextQuoteSelector =>
  claim.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector')!;
const positionOf = (claim: BenchClaim): TextPositionSelector =>
  claim.selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector')!;

const sameRanges = (a: (Range | null)[], b: (Range | null)[]): boolean =>
  a.every((r, i) => {
    const s = b[i];
    if (!r || !s) return r === s;
    return (
      r.startContainer === s.startContainer &&
      r.startOffset === s.startOffset &&
      r.endContainer === s.endContainer &&
      r.endOffset === s.endOffset
    );
  });

export function runOurs(root: Element, claims: BenchClaim[], repeats: number): RunResult {
  const ms: number[] = [];
  let first: ReturnType<typeof anchor>[] = [];
  let stable = true;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const model = buildTextModel(root);
    const out = claims.map((claim) => anchor(root, claim.selectors, model));
    ms.push(performance.now() - t0);
    if (r === 0) first = out;
    else if (
      !sameRanges(
        first.map((a) => a?.range ?? null),
        out.map((a) => a?.range ?? null),
      )
    ) {
      stable = false;
    }
  }
  const ref = refModel(root);
  return {
    ms,
    landings: first.map((a) => (a ? rangeToModel(ref, a.range) : null)),
    reported: first.map((a) => (a ? [a.start, a.end, a.status] : null)),
    stable,
  };
}

/**
 * The peer's stored position: the claim's start on the ORIGINAL page in textContent offsets
 * (the library counts script and style text too), i.e. what it would have stored itself.
 */
export function peerHints(root: Element, claims: BenchClaim[]): number[] {
  const ref = refModel(root);
  return claims.map((claim) => modelToContent(ref, positionOf(claim).start));
}

export function runPeer(
  root: Element,
  claims: BenchClaim[],
  hints: number[],
  repeats: number,
): RunResult {
  const ms: number[] = [];
  let first: (Range | null)[] = [];
  let errors = 0;
  let stable = true;
  for (let r = 0; r < repeats; r++) {
    let thrown = 0;
    const t0 = performance.now();
    const out = claims.map((claim, i) => {
      const { exact, prefix, suffix } = quoteOf(claim);
      try {
        return toRange(root, { exact, prefix, suffix }, { hint: hints[i] });
      } catch {
        thrown++;
        return null;
      }
    });
    ms.push(performance.now() - t0);
    if (r === 0) {
      first = out;
      errors = thrown;
    } else if (!sameRanges(first, out)) stable = false;
  }
  const ref = refModel(root);
  return {
    ms,
    landings: first.map((range) => (range ? rangeToModel(ref, range) : null)),
    errors,
    stable,
  };
}
