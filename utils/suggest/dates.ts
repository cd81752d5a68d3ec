/**
 * Dates in a paragraph: full dates (`April 5, 2025`, `mardi 5 mai`, `5 de mayo de 2015`), month +
 * year, a month after a preposition (`in June`), years and decades used as time references
 * (`in 2024`, `the 1990s`, `años 90`, `siglo XX`), quarters and fiscal years (`Q3 2024`,
 * `third quarter`, `fiscal 2025`, `FY24`, `premier trimestre`), named days (`Black Friday`, `9/11`)
 * and year-level relative references (`next year`, `l'an prochain`, `el año pasado`).
 */
import type { Lang } from './lang';
import { END, START, alt, list, type Span } from './text';

export interface DateSpan extends Span {
  type: 'date';
  /** A bare year: gives way to a quantity that contains it ("2000 people"). */
  weak: boolean;
}

const MONTHS: Record<Lang, string[]> = {
  en: list('January|February|March|April|May|June|July|August|September|October|November|December'),
  fr: list('janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre'),
  es: list(
    'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|' +
      'noviembre|diciembre',
  ),
};
const MONTH_ABBR: Record<Lang, string[]> = {
  en: list(
    'Jan.|Feb.|Mar.|Apr.|Jun.|Jul.|Aug.|Sept.|Sep.|Oct.|Nov.|Dec.|Jan|Feb|Mar|Apr|Jun|Jul|' +
      'Aug|Sept|Sep|Oct|Nov|Dec',
  ),
  fr: list('janv.|févr.|avr.|juil.|sept.|oct.|nov.|déc.'),
  es: list('ene.|feb.|abr.|ago.|sept.|oct.|nov.|dic.'),
};
const WEEKDAYS: Record<Lang, string[]> = {
  en: list('Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday'),
  fr: list('lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche'),
  es: list('lunes|martes|miércoles|jueves|viernes|sábado|domingo'),
};
/** Words after which a month name alone is a date ("in June", "début mai", "en noviembre"). */
const MONTH_LEADS: Record<Lang, string[]> = {
  en: list(
    'in|since|by|until|till|through|from|during|last|next|this|early|late|mid-|of|before|' +
      'after|throughout|each|every|end of',
  ),
  fr: [
    'en',
    'début',
    'fin',
    'mi-',
    'depuis',
    'courant',
    "d'ici",
    "jusqu'en",
    'dès',
    'avant',
    'après',
  ],
  es: list('en|desde|hasta|para|a fines de|a principios de|a mediados de|antes de|después de'),
};
const NAMED_DAYS = [
  'Black Friday',
  'Cyber Monday',
  'Prime Day',
  "Singles' Day",
  'Christmas Day',
  'Christmas Eve',
  'Christmas',
  "New Year's Day",
  "New Year's Eve",
  'Thanksgiving',
  'Boxing Day',
  'Labor Day',
  'Memorial Day',
  'Independence Day',
  "Valentine's Day",
  "Mother's Day",
  "Father's Day",
  'Easter',
  'Lunar New Year',
  'Chinese New Year',
  'Super Bowl Sunday',
  'Noël',
  'la Saint-Valentin',
  'Pâques',
  'le Nouvel An',
  'Navidad',
  'Año Nuevo',
  'Día de la Madre',
  'Nochebuena',
  '9/11',
];
const RELATIVE: Record<Lang, string[]> = {
  en: list(
    'earlier this year|later this year|this year|next year|last year|the previous year|' +
      'the past year|the coming year|the following year|this quarter|next quarter|' +
      'last quarter|the previous quarter|this fiscal year|next fiscal year|last fiscal year',
  ),
  fr: [
    "l'an prochain",
    "l'année prochaine",
    "l'an dernier",
    "l'année dernière",
    "l'an passé",
    "l'année passée",
    'cette année',
    "l'année en cours",
    'le trimestre prochain',
    'le trimestre dernier',
  ],
  es: list(
    'el año pasado|el próximo año|el año próximo|el año que viene|este año|' +
      'el próximo ejercicio|el trimestre pasado|el próximo trimestre',
  ),
};

const YEAR = String.raw`(?:1[89]\d\d|20\d\d)`;
const cache = new Map<Lang, { strong: RegExp; year: RegExp }>();

function patterns(lang: Lang): { strong: RegExp; year: RegExp } {
  const cached = cache.get(lang);
  if (cached) return cached;
  const month = alt(MONTHS[lang], true);
  const monthOrAbbr = `${alt(MONTH_ABBR[lang], true)}|${month}`;
  const weekday = String.raw`(?:(?:${alt(WEEKDAYS[lang], true)}),?\s+)?`;
  const day = String.raw`(?:[12]\d|3[01]|0?[1-9])`;
  const yearEnd = String.raw`${START}${YEAR}${END}`;
  const edge = String.raw`(?:(?:early|mid|late)-?\s?|(?:début|fin|mi-)\s?)?`;
  const forms: Record<Lang, string[]> = {
    en: [
      String.raw`${weekday}(?:${monthOrAbbr})\s+${day}(?:st|nd|rd|th)?${END}(?:,?\s+${yearEnd})?`,
      String.raw`${weekday}(?:the\s+)?${day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${month})${END}(?:,?\s+${yearEnd})?`,
      String.raw`${edge}(?:${month})(?:\s+of)?,?\s+${yearEnd}`,
      String.raw`(?:Q[1-4]|[1-4]Q|H[12])(?:\s?(?:FY\s?)?(?:${YEAR}|['’]\d\d))?${END}`,
      String.raw`(?:[Tt]he\s+)?(?:first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+|financial\s+)?(?:quarter|half)(?:\s+of\s+(?:fiscal\s+)?${yearEnd}|\s+${yearEnd})?`,
      String.raw`(?:[Ff]iscal|[Ff]inancial)(?:\s+[Yy]ear)?\s+(?:${yearEnd}|['’]?\d\d${END})|FY\s?(?:${YEAR}|\d\d)(?:\/\d\d)?${END}`,
      String.raw`(?:[Tt]he\s+)?(?:\d{1,2}(?:st|nd|rd|th)|twentieth|twenty-first|nineteenth)[\s-]century`,
    ],
    fr: [
      String.raw`${weekday}(?:1er|${day})\s+(?:${monthOrAbbr})${END}(?:\s+${yearEnd})?`,
      String.raw`${edge}(?:${month})\s+${yearEnd}`,
      String.raw`(?:[Ll]es\s+)?années\s+(?:${YEAR}|\d0|soixante(?:-dix)?|quatre-vingts?(?:-dix)?|cinquante|trente|quarante)${END}`,
      String.raw`(?:[XVI]+e|\d{1,2}e)\s+siècle`,
      String.raw`(?:premier|deuxième|second|troisième|quatrième|dernier|1er|2e|3e|4e)\s+(?:trimestre|semestre)(?:\s+(?:de\s+|d['’])?(?:l['’]année\s+)?${yearEnd})?|[TS][1-4]\s?${yearEnd}`,
      String.raw`exercice(?:\s+fiscal)?\s+${yearEnd}`,
    ],
    es: [
      String.raw`${weekday}(?:el\s+)?${day}\s+de\s+(?:${monthOrAbbr})${END}(?:\s+(?:de|del)\s+${yearEnd})?`,
      String.raw`(?:${month})\s+(?:de|del)\s+${yearEnd}`,
      String.raw`(?:[Ll]os\s+)?años\s+(?:${YEAR}|\d0|veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)${END}|década\s+de(?:l|\s+los)?\s+(?:${YEAR}|\d0)${END}`,
      String.raw`siglo\s+[XVI]+${END}`,
      String.raw`(?:primer|segundo|tercer|cuarto|último)\s+(?:trimestre|semestre)(?:\s+(?:de|del)\s+(?:año\s+)?${yearEnd})?`,
      String.raw`(?:ejercicio|año\s+fiscal)\s+${yearEnd}`,
    ],
  };
  const common = [
    String.raw`${yearEnd}-\d\d-\d\d${END}`,
    String.raw`${START}${day}\/${day}\/(?:${YEAR}|\d\d)${END}`,
    String.raw`(?:${alt(NAMED_DAYS)})${END}`,
    String.raw`${alt(RELATIVE[lang], true)}${END}`,
    String.raw`(?:${alt(MONTH_LEADS[lang], true)})\s?(?:${month})${END}`,
    // English month names are dates on their own, but for the verb-like May and March.
    ...(lang === 'en'
      ? [String.raw`(?:${alt(MONTHS.en.filter((m) => m !== 'May' && m !== 'March'))})${END}`]
      : []),
  ];
  const built = {
    strong: new RegExp(`${START}(?:${[...forms[lang], ...common].join('|')})`, 'gu'),
    year: new RegExp(
      String.raw`${START}(?:${edge}(?:1[89]\d|20\d)0s|['’]\d0s|(?:${edge})?(?<![$€£¥#.,]|No\.\s|[x×]\s?)${YEAR}(?:\s?[-–]\s?(?:${YEAR}|\d\d))?(?![\p{L}\p{N}%]|[.,]\d|\s?[x×]\s?\d))`,
      'gu',
    ),
  };
  cache.set(lang, built);
  return built;
}

const stickyCache = new Map<RegExp, RegExp>();
function stickyOf(re: RegExp): RegExp {
  let sticky = stickyCache.get(re);
  if (!sticky) stickyCache.set(re, (sticky = new RegExp(re.source, 'uy')));
  return sticky;
}

const leadCache = new Map<Lang, RegExp>();
/** The preposition before a lone month ("in", "since", "début"): not part of the date. */
function leads(lang: Lang): RegExp {
  let re = leadCache.get(lang);
  if (!re) {
    const month = alt(MONTHS[lang], true);
    re = new RegExp(String.raw`^(?:${alt(MONTH_LEADS[lang], true)})\s?(?=(?:${month})$)`, 'u');
    leadCache.set(lang, re);
  }
  return re;
}

export function findDates(text: string, lang: Lang): DateSpan[] {
  const { strong, year } = patterns(lang);
  const out: DateSpan[] = [];
  strong.lastIndex = 0;
  for (let m = strong.exec(text); m; m = strong.exec(text)) {
    const lead = leads(lang).exec(m[0]); // "in June" → "June"; "in February 2025" → all of it
    let start = m.index;
    let end = m.index + m[0].length;
    if (lead) {
      start += lead[0].length;
      const sticky = stickyOf(strong);
      sticky.lastIndex = start;
      const longer = sticky.exec(text);
      if (longer && start + longer[0].length > end) end = start + longer[0].length;
      strong.lastIndex = end;
    }
    out.push({ type: 'date', start, end, weak: false });
  }
  year.lastIndex = 0;
  for (let m = year.exec(text); m; m = year.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (out.some((d) => d.start <= start && end <= d.end)) continue;
    out.push({ type: 'date', start, end, weak: !/s$/.test(m[0]) });
  }
  return out;
}
