/**
 * The tokenizer search, the index and highlighting share. Pure.
 *
 * A token is a word or a number of the original text, with its offsets there (for highlighting)
 * and its folded `forms` — every spelling a query may find it by:
 * - words: `TikTok’s` → tiktok, tiktoks; `l’entreprise` → entreprise, lentreprise;
 *   `e-commerce` → ecommerce, e, commerce (one token: the parts are forms of it);
 * - numbers without grouping, decimal comma as a point: `1,000` → 1000, `17,5` → 17.5;
 *   with their currency when one is written next to them: `$17`, `US$ 17`, `17 €`, `17 dollars`,
 *   `USD 17` → 17 and $17;
 * - units after a number are spelled out: `17bn`, `17 bn` → 17 billion; `5%`, `5 pct` → 5 percent.
 *
 * `key` is the form a query token must find (the most specific: `$17`, not 17). Folding: fold.ts.
 */
import { fold } from './fold';

export interface Token {
  /** Offsets in the original text: [start, end). */
  start: number;
  end: number;
  /** Folded forms, `key` first among them or alone. */
  forms: string[];
  /** The form a query token looks up. */
  key: string;
  /** A number (matched exactly, never as a prefix). */
  numeric: boolean;
}

export const UNITS: Readonly<Record<string, string>> = {
  bn: 'billion',
  b: 'billion',
  bln: 'billion',
  billion: 'billion',
  m: 'million',
  mn: 'million',
  mln: 'million',
  mio: 'million',
  million: 'million',
  k: 'thousand',
  thousand: 'thousand',
  tn: 'trillion',
  trn: 'trillion',
  trillion: 'trillion',
  pct: 'percent',
  percent: 'percent',
  '%': 'percent',
};
const CURRENCY_SYMBOLS: Record<string, string> = { $: '$', '€': '€', '£': '£', '¥': '¥', '₹': '₹' };
const CURRENCY_WORDS: Record<string, string> = {
  usd: '$',
  dollar: '$',
  dollars: '$',
  eur: '€',
  euro: '€',
  euros: '€',
  gbp: '£',
  pound: '£',
  pounds: '£',
  jpy: '¥',
  yen: '¥',
  inr: '₹',
  rupees: '₹',
};
/** French and Italian elisions: `l’`, `d’`, `qu’`… */
const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'un', 'dell', 'all']);

const WORD_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;
const DIGIT_RE = /\p{Nd}/u;
const LETTER_RE = /[\p{L}\p{M}]/u;
const NON_ASCII = /[^ -~]/;

// Character classes, ASCII answered without a regular expression (the index tokenizes every
// claim on every write: this is its hot loop).
function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return WORD_CHAR_RE.test(c);
}
function isDigit(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return code >= 48 && code <= 57;
  return DIGIT_RE.test(c);
}
function isLetter(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return LETTER_RE.test(c);
}
/** Digits as ASCII, without the spaces some languages group them with. */
function numberText(text: string): string {
  const digits = text.replace(/[\u00a0\u202f]/g, '');
  return NON_ASCII.test(digits) ? digits.normalize('NFKC') : digits;
}
/** fold() for a run of word characters; ASCII needs lower case only. */
function foldWord(word: string): string {
  return NON_ASCII.test(word) ? fold(word) : word.toLowerCase();
}
const APOSTROPHES = "'’‘`´";
const HYPHENS = '-‐‑';
const GROUPING = '.,\u00a0\u202f';

/** The tokens of `text`, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '%') {
      const previous = tokens[tokens.length - 1];
      if (previous?.numeric && previous.end === i) tokens.push(unit(i, i + 1, '%'));
      i++;
    } else if (isDigit(c)) {
      i = readNumber(text, i, tokens);
    } else if (isWordChar(c)) {
      i = readWord(text, i, tokens);
    } else {
      i++;
    }
  }
  attachCurrencies(text, tokens);
  return tokens;
}

function readNumber(text: string, start: number, tokens: Token[]): number {
  let end = start;
  while (end < text.length) {
    if (isDigit(text[end])) end++;
    else if (GROUPING.includes(text[end]!) && isDigit(text[end + 1])) end += 2;
    else break;
  }
  // Letters right after the digits: a unit (17bn) or part of a word (4g, 1990s, covid19-like).
  let letters = end;
  while (letters < text.length && isLetter(text[letters])) letters++;
  const suffix = foldWord(text.slice(end, letters));
  if (suffix && !(suffix in UNITS)) {
    // 1990s, 4g, 2nd: a word, also found by its number.
    const next = readWord(text, start, tokens);
    const word = tokens[tokens.length - 1]!;
    const digits = numberText(text.slice(start, end));
    if (word.end === letters && !word.forms.includes(canonicalNumber(digits)))
      word.forms.push(canonicalNumber(digits));
    return next;
  }
  const value = canonicalNumber(numberText(text.slice(start, end)));
  tokens.push({ start, end, forms: [value], key: value, numeric: true });
  if (suffix) tokens.push(unit(end, letters, suffix));
  return letters;
}

function unit(start: number, end: number, written: string): Token {
  const full = UNITS[written] ?? written;
  const forms = full === written || written === '%' ? [full] : [full, written];
  return { start, end, forms, key: full, numeric: false };
}

/** Digits with separators as one number: grouping dropped, a decimal comma made a point. */
export function canonicalNumber(written: string): string {
  const separators = written.replace(/\d/g, '');
  if (!separators) return written;
  const groups = written.split(/[.,\u00a0\u202f]/);
  const last = separators[separators.length - 1]!;
  const decimal =
    last !== '\u00a0' &&
    last !== '\u202f' &&
    (separators.length === 1
      ? groups[1]!.length !== 3
      : !separators.slice(0, -1).includes(last) && groups[groups.length - 1]!.length !== 3);
  const integer = (decimal ? groups.slice(0, -1) : groups).join('');
  return decimal ? `${integer}.${groups[groups.length - 1]}` : integer;
}

function readWord(text: string, start: number, tokens: Token[]): number {
  const parts: string[] = [];
  let partStart = start;
  let end = start;
  let hyphenated = false;
  for (;;) {
    while (end < text.length && isWordChar(text[end])) end++;
    parts.push(text.slice(partStart, end));
    const joiner = text[end] ?? '';
    if ((APOSTROPHES + HYPHENS).includes(joiner) && isWordChar(text[end + 1])) {
      if (HYPHENS.includes(joiner)) hyphenated = true;
      parts.push(HYPHENS.includes(joiner) ? '-' : "'");
      end++;
      partStart = end;
    } else {
      break;
    }
  }
  if (parts.length === 1) {
    const form = foldWord(parts[0]!);
    tokens.push({ start, end, forms: [form], key: form, numeric: false });
  } else {
    tokens.push(wordToken(start, end, parts, hyphenated));
  }
  return end;
}

function wordToken(start: number, end: number, parts: string[], hyphenated: boolean): Token {
  const words = parts.filter((_, i) => i % 2 === 0).map(foldWord);
  const joined = words.join('');
  const forms = [joined];
  if (parts.length > 1) {
    const last = words[words.length - 1]!;
    const first = words[0]!;
    if (parts[parts.length - 2] === "'" && last === 's') forms.unshift(words.slice(0, -1).join(''));
    else if (parts[1] === "'" && ELISIONS.has(first)) forms.unshift(words.slice(1).join(''));
    if (hyphenated) forms.push(...words);
  }
  const unique = [...new Set(forms)];
  return { start, end, forms: unique, key: unique[0]!, numeric: false };
}

/**
 * Numbers with a currency written next to them get the currency form too: `$17`, `US$ 17`,
 * `17 €`, `17 dollars`, `USD 17`. Unit words after a number (`17 bn`) are spelled out.
 */
function attachCurrencies(text: string, tokens: Token[]): void {
  const adjacent = (a: Token | undefined, b: Token | undefined) =>
    a !== undefined && b !== undefined && /^ ?$/.test(text.slice(a.end, b.start));
  tokens.forEach((token, i) => {
    if (!token.numeric) return;
    const next = tokens[i + 1];
    if (next && !next.numeric && adjacent(token, next) && next.forms.length === 1) {
      const full = UNITS[next.key];
      if (full && full !== next.key) Object.assign(next, unit(next.start, next.end, next.key));
    }
    // A currency word follows the number or its unit: "17 dollars", "17 billion dollars".
    let follower = adjacent(token, next) ? next : undefined;
    if (follower && UNITS[follower.key] && follower.key !== 'percent') {
      const afterUnit = tokens[i + 2];
      follower = adjacent(follower, afterUnit) ? afterUnit : undefined;
    }
    const before = /(\p{Sc})\s?$/u.exec(text.slice(Math.max(0, token.start - 2), token.start));
    const written = before?.[1] ?? /^\s?(\p{Sc})/u.exec(text.slice(token.end, token.end + 2))?.[1];
    const previous = tokens[i - 1];
    const symbol =
      (written !== undefined ? (CURRENCY_SYMBOLS[written] ?? written) : undefined) ??
      (adjacent(previous, token) ? CURRENCY_WORDS[previous!.key] : undefined) ??
      (follower ? CURRENCY_WORDS[follower.key] : undefined);
    if (symbol) {
      token.key = `${symbol}${token.forms[0]}`;
      token.forms.push(token.key);
      // "$17" is highlighted with its sign.
      if (before && token.start - before[0].length >= (previous?.end ?? 0))
        token.start -= before[0].length;
    }
  });
}
