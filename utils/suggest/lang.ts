/**
 * Which language's rules to use: the article's own tag when it says en/fr/es, else a guess from
 * its commonest small words (la-nacion has no `lang` at all). Unknown languages use English rules:
 * numbers, currency symbols and quotation marks look the same.
 */
export type Lang = 'en' | 'fr' | 'es';

const MARKERS: Record<Lang, ReadonlySet<string>> = {
  en: new Set(['the', 'and', 'of', 'to', 'is', 'that', 'was', 'for', 'with', 'it']),
  fr: new Set(['le', 'les', 'des', 'et', 'est', 'une', 'du', 'dans', 'pour', 'qui', 'au']),
  es: new Set(['el', 'los', 'las', 'y', 'que', 'del', 'por', 'una', 'con', 'para', 'es']),
};

export function resolveLang(tag: string | undefined, paragraphs: readonly string[]): Lang {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === 'en' || primary === 'fr' || primary === 'es') return primary;
  if (primary) return 'en';
  return guessLang(paragraphs);
}

/** Counts marker words in the first ~3,000 characters. */
export function guessLang(paragraphs: readonly string[]): Lang {
  let sample = '';
  for (const p of paragraphs) {
    sample += ` ${p}`;
    if (sample.length > 3000) break;
  }
  const counts: Record<Lang, number> = { en: 0, fr: 0, es: 0 };
  for (const word of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const lang of ['en', 'fr', 'es'] as const) if (MARKERS[lang].has(word)) counts[lang]++;
  }
  return counts.fr > counts.en && counts.fr >= counts.es
    ? 'fr'
    : counts.es > counts.en
      ? 'es'
      : 'en';
}
