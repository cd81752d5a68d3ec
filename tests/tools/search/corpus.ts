/**
 * Real article text for synthetic libraries: the paragraphs of the pages in tests/fixtures/pages
 * (news articles in English, French and Spanish), split into sentences.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';

const PAGES_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'pages');

export interface Article {
  name: string;
  title: string;
  siteName: string;
  lang: string;
  paragraphs: string[];
}

const loaded = new Map<string, Article | null>();

/**
 * Fixture articles (all, or those named) with their paragraphs of real text (at least 80
 * characters each, boilerplate left out).
 */
export function loadCorpus(names: readonly string[] = readdirSync(PAGES_DIR).sort()): Article[] {
  return names.map(loadArticle).filter((a): a is Article => a !== null);
}

function loadArticle(name: string): Article | null {
  if (loaded.has(name)) return loaded.get(name)!;
  const html = readFileSync(join(PAGES_DIR, name, 'source.html'), 'utf8');
  const meta = JSON.parse(
    readFileSync(join(PAGES_DIR, name, 'expected-metadata.json'), 'utf8'),
  ) as {
    title?: string;
    siteName?: string | null;
    lang?: string;
  };
  // Only the markup: scripts, styles and comments are dropped before parsing (CSS is slow).
  const markup = html.replace(/<(script|style|noscript|svg)\b[\s\S]*?<\/\1>|<!--[\s\S]*?-->/gi, '');
  const { document } = new JSDOM(markup).window;
  const collect = (root: Element) => {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const p of root.querySelectorAll('p, li, blockquote')) {
      const text = (p.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text.length < 80 || seen.has(text) || /[{}<>|]|function\s*\(|©/.test(text)) continue;
      seen.add(text);
      out.push(text);
    }
    return out;
  };
  const main = document.querySelector('article') ?? document.querySelector('main');
  let paragraphs = main ? collect(main) : [];
  if (paragraphs.length < 5) paragraphs = collect(document.body);
  const article =
    paragraphs.length === 0
      ? null
      : {
          name,
          title: meta.title ?? name,
          siteName: meta.siteName ?? '',
          lang: meta.lang ?? 'en',
          paragraphs,
        };
  loaded.set(name, article);
  return article;
}

/** Sentences of a paragraph with their offsets. */
export function sentences(paragraph: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^.!?]+(?:[.!?]+["”’)]*|$)/g;
  for (const m of paragraph.matchAll(re)) {
    const text = m[0].trim();
    if (text.length < 15) continue;
    out.push({ text, start: m.index + m[0].indexOf(text) });
  }
  return out;
}
