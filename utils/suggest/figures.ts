/**
 * Figures in a paragraph: money (`$17 billion`, `€3.5bn`, `3,5 milliards d'euros`,
 * `10 millones de dólares`), percentages (`33%`, `12 %`, `10-11%`, `5 percentage points`) and
 * quantities — a number with a unit or a counted noun, optionally a rate (`2,000 employees`,
 * `five days a week`, `1800 x 1920 per eye`, `six-month`, `80.000 kilómetros cuadrados`).
 */
import type { Lang } from './lang';
import {
  ATTACHED_UNITS,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  DIGITS,
  FUNCTION_WORDS,
  MAGNITUDES,
  NOT_PLURAL,
  NUMBER_WORDS,
  PERCENT_WORDS,
  PLURAL_IRREGULAR,
  QUALIFIERS,
  RATE_LINKS,
  RATE_WORDS,
  UNITS,
} from './lexicon';
import { END, START, alt, type Span } from './text';

export interface Figure extends Span {
  type: 'money' | 'percent' | 'quantity';
}

interface Patterns {
  money: RegExp;
  /** A qualifier right before a figure ("more than", "près de", "unos"). */
  qualifier: RegExp;
  /** Is there anything worth looking at: a digit, a currency sign, a number word. */
  any: RegExp;
  percent: RegExp;
  quantity: RegExp;
  /** After a quantity's number: `x 1920`, `-month`, `K`, a vote tally `contre 86`. */
  dimension: RegExp;
  compound: RegExp;
  attached: RegExp;
  tally: RegExp;
  rate: RegExp;
  tail: RegExp;
  word: RegExp;
  units: ReadonlySet<string>;
}

const cache = new Map<Lang, Patterns>();

function patterns(lang: Lang): Patterns {
  const cached = cache.get(lang);
  if (cached) return cached;
  const num = String.raw`(?<![\p{L}\p{N}.,^])(?:${DIGITS[lang]})(?![\p{N}^]|[.,]\p{N})`; // not 2^15
  const bareNum = String.raw`(?<![$€£¥])${num}`; // a quantity's number has no currency before it
  const qual = String.raw`${START}(?:${alt(QUALIFIERS[lang], true)})\s+$`;
  const mag = MAGNITUDES[lang];
  const magnitude = String.raw`(?:\s(?:${alt(mag.words)})|\s?(?:${alt(mag.abbr)}))${END}`;
  const currency = String.raw`(?:${alt(CURRENCY_WORDS[lang])})${END}`;
  const rate = String.raw`(?:\s?\/\s?\p{L}+(?:\/\p{L}+)*${END}|\s(?:${alt(RATE_LINKS[lang])})\s(?:${alt(RATE_WORDS[lang])})${END})`;
  const sym = `(?:${CURRENCY_SYMBOLS})`;
  const range = (n: string): string => String.raw`(?:\s?[-–]\s?${n})?`;
  const money = [
    String.raw`${sym}\s?${num}${range(`${sym}?\\s?${num}`)}(?:${magnitude})?`,
    String.raw`${num}${range(num)}(?:${magnitude})?\s?(?:(?:d['’]|de\s)?${currency}|[€£¥](?![\p{L}\p{N}])|\$(?![\p{N}]))`,
  ];
  const wordNumber = String.raw`${START}(?:${alt(NUMBER_WORDS[lang], true)})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?${END}`;
  const units = new Set(UNITS[lang]);
  const unitWords = alt([...units].filter((u) => /^[a-z]+$/.test(u)));
  const built: Patterns = {
    money: new RegExp(String.raw`(?:${money.join('|')})(?:${rate})?`, 'gu'),
    percent: new RegExp(
      String.raw`${num}(?:\s?(?:[-–]|to|à|a|y|and|et)\s?${num})?(?:[\s\u00a0\u202f]?%|\s(?:${alt(PERCENT_WORDS[lang])})${END})`,
      'gu',
    ),
    quantity: new RegExp(
      String.raw`(?:${bareNum}|${wordNumber})(?:\s?[-–]\s?(?:${num}|${wordNumber}))?`,
      'gu',
    ),
    qualifier: new RegExp(qual, 'u'),
    any: new RegExp(String.raw`[\d$€£¥₹₩₽₺]|${START}(?:${alt(NUMBER_WORDS[lang], true)})`, 'u'),
    dimension: new RegExp(String.raw`^\s?[x×]\s?${num}`, 'u'),
    compound: new RegExp(
      String.raw`^-(?:${unitWords}|page|point|game|member|seat|story|storey)s?(?:-old)?${END}`,
      'u',
    ),
    attached: new RegExp(String.raw`^${ATTACHED_UNITS}${END}`, 'u'),
    tally: new RegExp(String.raw`^\s(?:contre|to|against|contra)\s${num}`, 'u'),
    rate: new RegExp(
      String.raw`^(?:\s(?:${alt(RATE_LINKS[lang])})\s(?:${alt(RATE_WORDS[lang])})${END}|\sper\s\p{L}+)`,
      'u',
    ),
    tail: new RegExp(
      String.raw`^\s(?:old|long|away|ago|wide|tall|high|deep|later|earlier)${END}`,
      'u',
    ),
    word: /\s+(?:(of|de|d['’])\s*)?([\p{L}][\p{L}\p{M}'’-]*)/uy,
    units,
  };
  cache.set(lang, built);
  return built;
}

export function findFigures(text: string, lang: Lang): Figure[] {
  const p = patterns(lang);
  const out: Figure[] = [];
  if (!p.any.test(text)) return out;
  const qualified = (at: number): number => {
    const q = p.qualifier.exec(text.slice(Math.max(0, at - 24), at));
    return q ? q[0].length : 0;
  };
  const digits = /[\d]/.test(text);
  for (const type of ['money', 'percent'] as const) {
    if (!digits) break;
    const re = p[type];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index - qualified(m.index);
      out.push({ type, start, end: m.index + m[0].length });
    }
  }
  p.quantity.lastIndex = 0;
  for (let m = p.quantity.exec(text); m; m = p.quantity.exec(text)) {
    const q = qualified(m.index);
    const end = quantityEnd(text, m.index + m[0].length, m[0], q > 0, lang, p);
    if (end > 0) out.push({ type: 'quantity', start: m.index - q, end });
  }
  return out;
}

/** Where a quantity that starts with `core` (its number) ends, or -1 when it is no quantity. */
function quantityEnd(
  text: string,
  at: number,
  core: string,
  qualified: boolean,
  lang: Lang,
  p: Patterns,
): number {
  const rest = text.slice(at, at + 120);
  const digits = /^\d/.test(core);
  const grouped = /\s(?:of|de)\s/.test(core) || /s$/.test(core); // "tens of thousands", "hundreds"
  let m =
    p.dimension.exec(rest) ?? p.compound.exec(rest) ?? (digits ? p.attached.exec(rest) : null);
  if (m) return withRate(text, at + m[0].length, p);
  m = p.tally.exec(rest);
  if (m && digits) return at + m[0].length;
  // A bare year-like number is a year ("2024 sales targets"); counts that large carry a separator.
  if (/^(?:1[89]|20)\d\d$/.test(core) && !qualified) return -1;
  const noun = nounEnd(text, at, lang, p, grouped);
  if (noun > 0) return withRate(text, noun, p);
  if (/\s(?:of|de)\s/.test(core)) return at; // "tens of thousands" stands alone
  return qualified && digits ? at : -1;
}

/** The end of the counted noun after a number ("140 pilot whales", "10 députés socialistes"). */
function nounEnd(text: string, at: number, lang: Lang, p: Patterns, grouped: boolean): number {
  const re = p.word;
  re.lastIndex = at;
  for (let i = 0; i < 3; i++) {
    const m = re.exec(text);
    if (!m) return -1;
    const [, link, word = ''] = m;
    if (link && !(grouped && i === 0)) return -1;
    const lower = word.toLowerCase();
    if (FUNCTION_WORDS.has(lower) || NOT_PLURAL.has(lower)) return -1;
    const unit =
      p.units.has(word) ||
      (/^\p{Ll}/u.test(word) && (p.units.has(lower) || p.units.has(lower.replace(/s$/, ''))));
    const acronym = lang !== 'en' && /^\p{Lu}{2,5}$/u.test(word);
    if (unit || acronym || isPlural(word, lang)) {
      if (lang === 'en') return re.lastIndex;
      const after = re.lastIndex;
      const adj = re.exec(text); // Romance order: noun, then adjective ("kilómetros cuadrados")
      const adjWord = adj?.[2] ?? '';
      return adj && !adj[1] && /^\p{Ll}/u.test(adjWord) && isPlural(adjWord, lang)
        ? re.lastIndex
        : after;
    }
    // English puts adjectives before the noun ("10 rare pygmy whales", "nine African-American
    // churchgoers"); French and Spanish after it. A verb or a name ends the search.
    if (lang !== 'en' || /ed$/.test(lower) || /^\p{Lu}[^-]*$/u.test(word)) return -1;
    if (/[^\s]/.test(text[re.lastIndex] ?? '.')) return -1;
  }
  return -1;
}

function isPlural(word: string, lang: Lang): boolean {
  const lower = word.toLowerCase();
  if (PLURAL_IRREGULAR.has(lower)) return true;
  if (word.length < 3 || NOT_PLURAL.has(lower) || /^\p{Lu}/u.test(word)) return false;
  return lang === 'en' ? /[^su]s$/.test(lower) : /[sx]$/.test(lower);
}

function withRate(text: string, at: number, p: Patterns): number {
  const rest = text.slice(at, at + 40);
  const rate = p.rate.exec(rest);
  if (rate) return at + rate[0].length;
  const tail = p.tail.exec(rest);
  return tail ? at + tail[0].length : at;
}
