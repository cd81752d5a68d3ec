import { readdirSync, readFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../../utils/page/extract';
import type { PageMetadata } from '../../../utils/core/model';

const PAGES = 'tests/fixtures/pages';
const FIELDS = ['title', 'byline', 'siteName', 'lang', 'publishedTime', 'excerpt'] as const;

/**
 * Where Readability leaves a field empty but the page's own tags say it, our fallbacks fill it in:
 * la-nacion has `<meta name="application-name">`, nytimes-1 `<meta itemprop="datePublished">`.
 */
const FILLED_BY_FALLBACK: Record<string, Partial<PageMetadata>> = {
  'la-nacion': { siteName: 'LA NACION' },
  'nytimes-1': { publishedTime: '2017-01-13T00:00:04-05:00' },
};

type Expected = Partial<Record<keyof PageMetadata, string | null>> & { canonicalUrl?: string };

function load(html: string, url: string): Document {
  // jsdom cannot parse some of the pages' CSS; that noise is not ours to test.
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
}

function countNodes(doc: Document): number {
  const walker = doc.createTreeWalker(doc, 0xffffffff);
  let n = 0;
  while (walker.nextNode()) n++;
  return n;
}

describe('extractMetadata on the fixture pages', () => {
  for (const name of readdirSync(PAGES).sort()) {
    it(`${name}: matches Readability 0.6 and leaves the live document alone`, () => {
      const expected: Expected = {
        ...(JSON.parse(
          readFileSync(`${PAGES}/${name}/expected-metadata.json`, 'utf8'),
        ) as Expected),
        ...FILLED_BY_FALLBACK[name],
      };
      const doc = load(
        readFileSync(`${PAGES}/${name}/source.html`, 'utf8'),
        expected.canonicalUrl ?? 'https://example.com/',
      );
      const before = { html: doc.body.innerHTML.length, nodes: countNodes(doc), title: doc.title };

      const metadata = extractMetadata(doc);

      // Fields absent from expected-metadata.json are not specified for that page.
      for (const field of FIELDS.filter((f) => f in expected))
        expect(metadata[field], field).toBe(expected[field] ?? '');
      expect({ html: doc.body.innerHTML.length, nodes: countNodes(doc), title: doc.title }).toEqual(
        before,
      );
    });
  }
});

describe('extractMetadata fallbacks', () => {
  it('reads <title>, <meta> and og: tags when Readability finds no article', () => {
    const doc = load(
      `<!doctype html><html lang="pt_BR"><head>
        <title>  Fallback   title </title>
        <meta name="author" content="Ana  Lima">
        <meta property="og:site_name" content="Folha">
        <meta property="article:published_time" content="2024-05-01T10:00:00-03:00">
        <meta name="description" content="Short
          description">
      </head><body></body></html>`,
      'https://example.com/',
    );
    expect(extractMetadata(doc)).toEqual({
      title: 'Fallback title',
      byline: 'Ana Lima',
      siteName: 'Folha',
      publishedTime: '2024-05-01T10:00:00-03:00',
      lang: 'pt-BR',
      excerpt: 'Short description',
    });
  });

  it("returns '' for what the page does not say, and rejects malformed dates and languages", () => {
    const doc = load(
      '<html lang="not a language"><head><meta property="article:published_time" content="soon"></head><body><p>Hi</p></body></html>',
      'https://example.com/',
    );
    expect(extractMetadata(doc)).toEqual({
      title: '',
      byline: '',
      siteName: '',
      publishedTime: '',
      lang: '',
      excerpt: expect.any(String),
    });
  });

  it('converts a non-ISO date to ISO and caps long fields', () => {
    const doc = load(
      `<html><head><title>${'T'.repeat(600)}</title>
        <meta name="author" content="${'A'.repeat(300)}">
        <meta name="description" content="${'😀'.repeat(600)}">
        <meta name="dc.date" content="March 5, 2025 09:12 UTC"></head><body></body></html>`,
      'https://example.com/',
    );
    const metadata = extractMetadata(doc);
    expect(metadata.publishedTime).toBe('2025-03-05T09:12:00.000Z');
    expect(metadata.title).toHaveLength(500);
    expect(metadata.title.endsWith('…')).toBe(true);
    expect(metadata.byline).toHaveLength(200);
    expect(metadata.excerpt.length).toBeLessThanOrEqual(1000);
    expect(metadata.excerpt).toMatch(/^(?:😀)+…$/u);
  });
});
