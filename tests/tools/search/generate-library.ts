/**
 * Synthetic Claimmark libraries that look like an analyst's: claims cut from real article text
 * (tests/fixtures/pages) — figures around numbers, dates, quoted words, forecasts, sentences —
 * on pages of ~60 news sites (10 claims a page on average), with tags drawn from a skewed
 * vocabulary, notes on a third of the claims and three years of saving dates. Deterministic for a
 * seed.
 *
 *   tsx tests/tools/search/generate-library.ts [claims=10000] [out.json]
 */
import { writeFileSync } from 'node:fs';
import type { Annotation, ClaimType, Page } from '../../../utils/core/model';
import { loadCorpus, sentences, type Article } from './corpus';
import { createRng, type Rng } from '../../support/random';

export interface Library {
  pages: Page[];
  annotations: Annotation[];
}

export interface LibraryOptions {
  claims: number;
  /** Default: claims / 10. */
  pages?: number;
  seed?: number;
  /** Fixture articles to draw from (default: all). */
  articles?: readonly string[];
  /** Saving dates run from here over `days`. */
  start?: string;
  days?: number;
}

const SITES: [string, string][] = [
  ['www.bloomberg.com', 'Bloomberg'],
  ['www.reuters.com', 'Reuters'],
  ['www.ft.com', 'Financial Times'],
  ['www.wsj.com', 'The Wall Street Journal'],
  ['www.nytimes.com', 'The New York Times'],
  ['www.theguardian.com', 'the Guardian'],
  ['www.bbc.com', 'BBC News'],
  ['www.cnbc.com', 'CNBC'],
  ['www.businessinsider.com', 'Business Insider'],
  ['techcrunch.com', 'TechCrunch'],
  ['www.theverge.com', 'The Verge'],
  ['arstechnica.com', 'Ars Technica'],
  ['www.wired.com', 'WIRED'],
  ['www.cnet.com', 'CNET'],
  ['www.axios.com', 'Axios'],
  ['www.theinformation.com', 'The Information'],
  ['www.economist.com', 'The Economist'],
  ['www.forbes.com', 'Forbes'],
  ['fortune.com', 'Fortune'],
  ['www.lemonde.fr', 'Le Monde.fr'],
  ['www.lesechos.fr', 'Les Echos'],
  ['www.lanacion.com.ar', 'LA NACION'],
  ['elpais.com', 'El País'],
  ['www.handelsblatt.com', 'Handelsblatt'],
  ['www.scmp.com', 'South China Morning Post'],
  ['asia.nikkei.com', 'Nikkei Asia'],
  ['www.digitalcommerce360.com', 'Digital Commerce 360'],
  ['www.retaildive.com', 'Retail Dive'],
  ['www.modernretail.co', 'Modern Retail'],
  ['www.adweek.com', 'Adweek'],
  ['digiday.com', 'Digiday'],
  ['influencermarketinghub.com', 'Influencer Marketing Hub'],
  ['www.marketwatch.com', 'MarketWatch'],
  ['finance.yahoo.com', 'Yahoo Finance'],
  ['www.barrons.com', "Barron's"],
  ['www.politico.eu', 'POLITICO'],
  ['www.semafor.com', 'Semafor'],
  ['www.platformer.news', 'Platformer'],
  ['stratechery.com', 'Stratechery'],
  ['www.statnews.com', 'STAT'],
];
const SECTIONS = ['business', 'tech', 'markets', 'retail', 'media', 'world', 'economy', 'policy'];
const TAGS = [
  'tiktok',
  'e-commerce',
  'earnings',
  'guidance',
  'ai',
  'regulation',
  'china',
  'us',
  'eu',
  'layoffs',
  'gmv',
  'advertising',
  'retail',
  'consumer',
  'q1',
  'q2',
  'q3',
  'q4',
  'forecast',
  'pricing',
  'supply chain',
  'competition',
  'antitrust',
  'privacy',
  'security',
  'gaming',
  'mobile',
  'apple',
  'amazon',
  'walmart',
  'meta',
  'google',
  'microsoft',
  'nintendo',
  'bytedance',
  'shein',
  'temu',
  'creator economy',
  'live shopping',
  'logistics',
  'inflation',
  'interest rates',
  'labour',
  'morale',
  'management',
  'strategy',
  'm&a',
  'ipo',
  'funding',
  'valuation',
  'streaming',
  'subscriptions',
  'churn',
  'market share',
  'growth',
  'margins',
  'capex',
  'cloud',
  'chips',
  'energy',
  'climate',
  'elections',
  'surveillance',
  'latam',
  'france',
  'argentina',
  'uk',
  'japan',
  'india',
  'to verify',
  'memo',
  'board deck',
  'follow up',
  'source: insider',
  'quote-worthy',
];
const NOTE_TEMPLATES = [
  'Check against the {tag} numbers from last quarter',
  'Compare with what {site} reported',
  'Use in the memo on {tag}',
  'Contradicts the company line on {tag}',
  'Ask IR about this',
  'Key figure for the {tag} model',
  'Source is anonymous; verify before quoting',
  'Same claim appears in {site} coverage',
  'Follow up: {words}',
  '{words}',
];
const MONTH =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)(?: \d{1,2})?(?:,? \d{4})?|\b(?:19|20)\d{2}\b/;
const NUMBER =
  /(?:[$€£]\s?)?\d[\d,.]*(?:\s?(?:%|percent|per cent|billion|million|bn|m|k|trillion|tonnes|servers|people|users|days|years))?/;
const QUOTED = /[“"]([^”"]{15,300})[”"]/;
const FORECAST =
  /\b(?:will|expects?|expected|forecasts?|plans?|could|would|likely|aims?|projected)\b/i;

/** A deterministic UUID v4 from the PRNG. */
function uuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.below(16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[rng.below(4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function words(text: string, from: number, count: number): string {
  return text
    .split(/\s+/)
    .slice(from, from + count)
    .join(' ');
}

function titleCase(text: string): string {
  return text.replace(/^\p{Ll}/u, (c) => c.toUpperCase()).replace(/[,;:.]+$/, '');
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'story'
  );
}

const TYPE_MIX: ClaimType[] = [
  'figure',
  'figure',
  'figure',
  'quote',
  'quote',
  'date',
  'forecast',
  'claim',
  'claim',
  'claim',
];

/**
 * A claim of a type drawn from TYPE_MIX, cut from the article as an analyst would: a figure with
 * a few words around it ("$17 billion in sales"), a date, the words inside quotation marks, a
 * sentence that looks ahead, or a sentence. Falls back to a sentence when none fits.
 */
function cut(
  rng: Rng,
  article: Article,
): { paragraph: string; text: string; start: number; type: ClaimType } {
  const type = rng.pick(TYPE_MIX);
  for (let attempt = 0; attempt < 12; attempt++) {
    const paragraph = rng.pick(article.paragraphs);
    const all = sentences(paragraph);
    if (all.length === 0) continue;
    const sentence = rng.pick(all);
    const found = (re: RegExp, widen: number, group = 0) => {
      const m = re.exec(sentence.text);
      if (!m) return undefined;
      const inner = m[group]!;
      let start = m.index + m[0].indexOf(inner);
      let end = start + inner.length;
      if (widen > 0) {
        const before = sentence.text.slice(0, start).split(' ');
        const after = sentence.text.slice(end).split(' ');
        start -= before.slice(-1 - rng.below(widen)).join(' ').length;
        end += after.slice(0, 1 + rng.below(widen + 2)).join(' ').length;
      }
      const text = sentence.text
        .slice(start, end)
        .trim()
        .replace(/[.,;:]+$/, '');
      if (text.length < 4) return undefined;
      const offset = sentence.text.indexOf(text, Math.max(0, start - 1));
      return { paragraph, text, start: sentence.start + offset, type };
    };
    const claim =
      type === 'figure'
        ? found(NUMBER, 1 + rng.below(3))
        : type === 'date'
          ? found(MONTH, rng.chance(0.3) ? 2 : 0)
          : type === 'quote'
            ? found(QUOTED, 0, 1)
            : type === 'forecast'
              ? FORECAST.test(sentence.text)
                ? { paragraph, text: sentence.text, start: sentence.start, type }
                : undefined
              : { paragraph, text: sentence.text, start: sentence.start, type };
    if (claim) return claim;
  }
  const paragraph = rng.pick(article.paragraphs);
  const sentence = sentences(paragraph)[0] ?? { text: paragraph, start: 0 };
  return { paragraph, text: sentence.text, start: sentence.start, type: 'claim' };
}

function note(rng: Rng, article: Article, tags: string[], site: string): string {
  const template = rng.pick(NOTE_TEMPLATES);
  const paragraph = rng.pick(article.paragraphs);
  return template
    .replace('{tag}', tags[0] ?? rng.skewed(TAGS))
    .replace('{site}', site)
    .replace('{words}', words(paragraph, rng.below(10), 4 + rng.below(10)));
}

export function generateLibrary(options: LibraryOptions): Library {
  const rng = createRng(options.seed ?? 20251124);
  const corpus = loadCorpus(options.articles);
  const pageCount = options.pages ?? Math.max(1, Math.round(options.claims / 10));
  const start = Date.parse(options.start ?? '2023-01-01T08:00:00.000Z');
  const span = (options.days ?? 3 * 365) * 86_400_000;
  const pages: Page[] = [];
  const articleOf: Article[] = [];
  for (let i = 0; i < pageCount; i++) {
    const article = corpus[i % corpus.length]!;
    const [host, siteName] = rng.skewed(SITES, 1.3);
    const headline =
      i < corpus.length
        ? article.title
        : titleCase(words(rng.pick(article.paragraphs), rng.below(6), 5 + rng.below(8)));
    const seen = new Date(start + (span * i) / pageCount).toISOString();
    pages.push({
      url: `https://${host}/${rng.pick(SECTIONS)}/${seen.slice(0, 4)}/${seen.slice(5, 7)}/${slug(headline)}-${i}`,
      aliases: [],
      title: headline,
      byline: '',
      siteName,
      publishedTime: seen,
      lang: article.lang,
      excerpt: words(article.paragraphs[0]!, 0, 25),
      firstSeen: seen,
      lastSeen: seen,
    });
    articleOf.push(article);
  }
  const annotations: Annotation[] = [];
  for (let i = 0; i < options.claims; i++) {
    // Claims in saving order: page by page, a few minutes apart.
    const p = Math.min(pageCount - 1, Math.floor((i * pageCount) / options.claims));
    const page = pages[p]!;
    const article = articleOf[p]!;
    const claim = cut(rng, article);
    const paragraph = claim.paragraph;
    const tags = [
      ...new Set(Array.from({ length: rng.skewed([0, 1, 1, 2, 2, 3]) }, () => rng.skewed(TAGS))),
    ];
    const created = new Date(
      Date.parse(page.firstSeen) + (i % 10) * 60_000 + rng.below(60_000),
    ).toISOString();
    annotations.push({
      id: uuid(rng),
      url: page.url,
      quote: claim.text,
      selectors: [
        {
          type: 'TextQuoteSelector',
          exact: claim.text,
          prefix: paragraph.slice(Math.max(0, claim.start - 32), claim.start),
          suffix: paragraph.slice(
            claim.start + claim.text.length,
            claim.start + claim.text.length + 32,
          ),
        },
        { type: 'TextPositionSelector', start: claim.start, end: claim.start + claim.text.length },
      ],
      type: claim.type,
      tags,
      note: rng.chance(0.3) ? note(rng, article, tags, page.siteName) : '',
      created,
      updated: created,
    });
  }
  return { pages, annotations };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const claims = Number(process.argv[2] ?? 10_000);
  const out = process.argv[3];
  const library = generateLibrary({ claims });
  const json = JSON.stringify(library);
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
  console.error(`${library.annotations.length} claims on ${library.pages.length} pages`);
}
