/** Small text helpers shared by the detectors. Pure: no DOM, no browser APIs. */

/** A span found in one paragraph: `[start, end)` offsets into it. */
export interface Span {
  start: number;
  end: number;
}

/** Not preceded / not followed by a letter or digit (JavaScript's `\b` knows only ASCII). */
export const START = String.raw`(?<![\p{L}\p{N}])`;
export const END = String.raw`(?![\p{L}\p{N}])`;

/** A word list written as one string, `|` between entries (phrases may hold spaces). */
export function list(words: string): string[] {
  return words.split('|');
}

/** Escapes a literal for a RegExp. */
export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * An alternation of literals, longest first so that `mid-` does not win over `mid-year`. Spaces
 * match any run of whitespace, `'` either apostrophe; with `capital`, a lower-case first letter
 * also matches its capital (sentence starts: "More than", "Earlier this year").
 */
export function alt(words: readonly string[], capital = false): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => {
      const body = escape(w)
        .replace(/'/g, "['’]")
        .replace(/ /g, String.raw`\s+`);
      const first = w[0] ?? '';
      return capital && first !== first.toUpperCase()
        ? `[${first}${first.toUpperCase()}]${body.slice(1)}`
        : body;
    })
    .join('|');
}

/** Every match of a global, sticky-free RegExp as spans (group 1 when `group` is set). */
export function spansOf(text: string, re: RegExp, group?: number): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const inner = group === undefined ? undefined : m[group];
    const start = inner === undefined ? m.index : m.index + m[0].indexOf(inner);
    out.push({ start, end: start + (inner ?? m[0]).length });
  }
  return out;
}

/** Trims spaces and the punctuation that surrounds a span, adjusting its offsets. */
export function trimSpan(text: string, span: Span, strip = /[\s,;:]/): Span {
  let { start, end } = span;
  while (start < end && strip.test(text[start]!)) start++;
  while (end > start && strip.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Words of a text (letters, digits, apostrophes and hyphens inside). */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’\-.]*/gu) ?? [];
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
