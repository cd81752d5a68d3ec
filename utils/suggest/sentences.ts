/**
 * Sentence boundaries in a paragraph. A boundary is `.`, `!`, `?` or `…` (with any closing quotes
 * or brackets) followed by a space and a capital, a digit or an opening quote — never inside a
 * quotation (`skip`), never after a known abbreviation or an initial ("Mr. Reeves", "Donald J.").
 */
import type { Span } from './text';

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr st mt gen gov sen rep lt col capt sgt inc ltd co corp vs etc e.g i.e ' +
    'no nos u.s u.k u.n a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec m mme mlle mm sra ' +
    'dra av approx fig vol ed eds p pp'
  ).split(' '),
);

const END_PUNCT = /[.!?…]/;
const CLOSERS = /["'”’»)\]]/;
const OPENERS = /[\p{Lu}\p{N}"“«‘¿¡(]/u;

/** Sentences of `text` as spans; positions inside a `skip` span never end a sentence. */
export function sentenceSpans(text: string, skip: readonly Span[] = []): Span[] {
  const out: Span[] = [];
  let start = 0;
  let s = 0;
  const ends = /[.!?…]/g;
  for (let e = ends.exec(text); e; e = ends.exec(text)) {
    const i = e.index;
    while (s < skip.length && skip[s]!.end <= i) s++;
    const inside = s < skip.length && skip[s]!.start < i && i < skip[s]!.end - 1;
    if (inside) continue;
    let j = i + 1;
    while (j < text.length && (END_PUNCT.test(text[j]!) || CLOSERS.test(text[j]!))) j++;
    for (
      let m = /^\[[^\]\s]{1,10}\]/.exec(text.slice(j));
      m;
      m = /^\[[^\]\s]{1,10}\]/.exec(text.slice(j))
    )
      j += m[0].length; // "CPU.[51] The"
    if (j >= text.length || !/\s/.test(text[j]!)) continue;
    let k = j;
    while (k < text.length && /\s/.test(text[k]!)) k++;
    if (k >= text.length || !OPENERS.test(text[k]!)) continue;
    if (text[i] === '.' && isAbbreviation(text, i)) continue;
    out.push({ start, end: j });
    start = k;
    ends.lastIndex = k;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

function isAbbreviation(text: string, dot: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 12), dot))?.[1] ?? '';
  if (/^\p{Lu}$/u.test(before)) return true; // an initial: "Donald J. Trump"
  return ABBREVIATIONS.has(before.toLowerCase());
}

/** The index of the span that holds `offset` (the last one when past the end). */
export function spanAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
