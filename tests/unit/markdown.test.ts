import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, toMarkdown } from '../../utils/export/markdown';
import { extractMetadata } from '../../utils/extract';
import type { Annotation, ClaimType, Page } from '../../utils/model';
import { pageUrlOf } from '../../utils/page-url';

const GOLDEN = 'tests/fixtures/golden/markdown/demo.md';
const DEMO = 'tests/fixtures/pages/tiktok-shop-us-crackdown';

function claim(fields: Partial<Annotation> & { quote: string; start?: number }): Annotation {
  const { start, ...rest } = fields;
  return {
    id: '00000000-0000-4000-8000-000000000000',
    url: 'https://example.com/a',
    selectors: [
      { type: 'TextQuoteSelector', exact: fields.quote, prefix: '', suffix: '' },
      ...(start === undefined
        ? []
        : [{ type: 'TextPositionSelector' as const, start, end: start + fields.quote.length }]),
    ],
    type: 'claim',
    tags: [],
    note: '',
    created: '2025-03-06T10:00:00.000Z',
    updated: '2025-03-06T10:00:00.000Z',
    ...rest,
  };
}

function page(fields: Partial<Page> & { url: string }): Page {
  return {
    aliases: [],
    title: '',
    byline: '',
    siteName: '',
    publishedTime: '',
    lang: '',
    excerpt: '',
    firstSeen: '2025-03-06T09:00:00.000Z',
    lastSeen: '2025-03-06T09:00:00.000Z',
    ...fields,
  };
}

/** The demo article as the extension sees it on its own site, with two claims on it. */
function demo(): { pages: Page[]; annotations: Annotation[] } {
  const html = readFileSync(`${DEMO}/source.html`, 'utf8');
  const url =
    'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/?utm_source=x';
  const doc = new JSDOM(html, { url }).window.document;
  const text = doc.body.textContent ?? '';
  const pageUrl = pageUrlOf(doc);
  const on = (quote: string, type: ClaimType, rest: Partial<Annotation>): Annotation =>
    claim({ url: pageUrl, quote, type, start: text.indexOf(quote), ...rest });
  return {
    pages: [page({ url: pageUrl, ...extractMetadata(doc) })],
    annotations: [
      // Created first but further down the page: the export follows the page.
      on(
        'No matter how hard we work, it feels like we’re always falling short of what they expect.',
        'quote',
        {
          id: 'b2f3c4d5-0000-4000-8000-000000000002',
          tags: ['Employee morale'],
          note: 'Unnamed employee, via Business Insider.\nCompare with the PIP rollout.',
          created: '2025-03-06T10:00:00.000Z',
        },
      ),
      on('$17 billion', 'figure', {
        id: 'a1e2d3c4-0000-4000-8000-000000000001',
        tags: ['tiktok'],
        note: 'FY2024 GMV target',
        created: '2025-03-06T10:05:00.000Z',
      }),
    ],
  };
}

describe('toMarkdown', () => {
  it('renders the demo article like the golden file (UPDATE_FIXTURES=1 regenerates it)', () => {
    const { pages, annotations } = demo();
    const output = toMarkdown(pages, annotations, { exportedAt: '2025-03-07' });
    if (process.env.UPDATE_FIXTURES === '1') {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, output);
    }
    expect(output).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('is deterministic: input order does not matter and inputs are not mutated', () => {
    const { pages, annotations } = demo();
    const snapshot = JSON.stringify(annotations);
    expect(toMarkdown(pages, [...annotations].reverse())).toBe(toMarkdown(pages, annotations));
    expect(JSON.stringify(annotations)).toBe(snapshot);
    expect(toMarkdown(pages, annotations)).not.toMatch(/exported|\d{4}-\d{2}-\d{2}T/);
  });

  it('orders pages by newest claim then URL, claims by position then created then id', () => {
    const annotations = [
      claim({ url: 'https://b.example/', quote: 'b1', created: '2025-01-01T00:00:00Z' }),
      claim({ url: 'https://a.example/', quote: 'a1', created: '2025-01-01T00:00:00Z' }),
      claim({
        url: 'https://c.example/',
        quote: 'c-late',
        start: 50,
        created: '2025-02-01T00:00:00Z',
      }),
      claim({ url: 'https://c.example/', quote: 'c-id2', id: '2', start: 10 }),
      claim({ url: 'https://c.example/', quote: 'c-id1', id: '1', start: 10 }),
      claim({ url: 'https://c.example/', quote: 'c-nopos', created: '2024-01-01T00:00:00Z' }),
      claim({
        url: 'https://c.example/',
        quote: 'c-early',
        start: 10,
        created: '2024-06-01T00:00:00Z',
      }),
    ];
    const order = [...toMarkdown([], annotations).matchAll(/^(?:## .*|> .*)$/gm)].map((m) => m[0]);
    expect(order).toEqual([
      '## [https://c.example/](<https://c.example/>)',
      '> c-early',
      '> c-id1',
      '> c-id2',
      '> c-late',
      '> c-nopos',
      '## [https://a.example/](<https://a.example/>)',
      '> a1',
      '## [https://b.example/](<https://b.example/>)',
      '> b1',
    ]);
  });

  it('writes the page line from the parts it has, and a section for a page without a record', () => {
    const pages = [
      page({
        url: 'https://x.example/1',
        title: 'One',
        siteName: 'X',
        publishedTime: '2024-12-31T23:00:00-05:00',
      }),
      page({ url: 'https://x.example/2', title: 'Two (draft) [v2]', byline: 'Ann *Lee*' }),
    ];
    const annotations = [
      claim({ url: 'https://x.example/1', quote: 'q1', created: '2025-01-03T00:00:00Z' }),
      claim({ url: 'https://x.example/2', quote: 'q2', created: '2025-01-02T00:00:00Z' }),
      claim({ url: 'https://x.example/3 (old)', quote: 'q3', created: '2025-01-01T00:00:00Z' }),
    ];
    const md = toMarkdown(pages, annotations);
    expect(md).toContain('## [One](<https://x.example/1>)\n\nX · 2024-12-31\n\n');
    expect(md).toContain('## [Two (draft) \\[v2\\]](<https://x.example/2>)\n\nAnn \\*Lee\\*\n\n');
    expect(md).toContain('## [https://x.example/3 (old)](<https://x.example/3%20(old)>)\n\n<!--');
    expect(md.startsWith('# Claimmark export\n\n3 claims from 3 pages\n\n')).toBe(true);
  });

  it('writes tags as hashtags after the type, sanitized and deduplicated', () => {
    const md = toMarkdown(
      [],
      [
        claim({
          quote: 'q',
          type: 'figure',
          tags: ['TikTok', 'Q1 earnings', 'q1-earnings', 'a&b!', '???', 'café'],
        }),
      ],
    );
    expect(md).toContain('\n\n#figure #tiktok #q1-earnings #ab #café\n');
  });

  it('keeps hostile notes and quotes literal and inside their claim', () => {
    const note = [
      '<script>alert(1)</script>',
      '[x](javascript:alert(1)) ![img](x.png)',
      '# heading',
      'line1',
      '- item',
      '`code` and ```fence',
      '',
      '    indented code?',
      '1. first',
      '---',
      '> not a quote | a | b |',
      'AT&T &amp; $5-$6 *bold* _em_ ~~del~~ \\',
    ].join('\n');
    const md = toMarkdown([], [claim({ quote: 'Line one\n# not a heading\n\n===', note })]);
    const body = md.slice(md.indexOf('<!-- claim'));
    expect(body).toBe(
      [
        '<!-- claim 00000000-0000-4000-8000-000000000000 -->',
        '> Line one\\',
        '> \\# not a heading',
        '>',
        '> \\===',
        '',
        '#claim',
        '',
        '\\<script\\>alert(1)\\</script\\>\\',
        '\\[x\\](javascript:alert(1)) !\\[img\\](x.png)\\',
        '\\# heading\\',
        'line1\\',
        '\\- item\\',
        '\\`code\\` and \\`\\`\\`fence',
        '',
        'indented code?\\',
        '1\\. first\\',
        '\\---\\',
        '\\> not a quote \\| a \\| b \\|\\',
        'AT&T \\&amp; \\$5-\\$6 \\*bold\\* \\_em\\_ \\~\\~del\\~\\~ \\\\',
        '',
      ].join('\n'),
    );
  });

  it('keeps an unusual claim id from escaping its comment, and links only http(s) pages', () => {
    const md = toMarkdown(
      [page({ url: 'file:///notes/a.html', title: 'Local #' })],
      [claim({ url: 'file:///notes/a.html', quote: 'q', id: 'x --> <b>y</b>' })],
    );
    expect(md).toContain('## Local \\#\n\nfile:///notes/a.html\n\n<!-- claim x--byb -->\n> q');
  });
});

describe('escapeMarkdown', () => {
  it('escapes inline syntax everywhere and block syntax at line start', () => {
    expect(escapeMarkdown('a*b_c`d~e[f]g<h>i|j\\k$l')).toBe(
      'a\\*b\\_c\\`d\\~e\\[f\\]g\\<h\\>i\\|j\\\\k\\$l',
    );
    expect(escapeMarkdown('# h\n+ p\n= s\n2024. year\n2) two\n  > q')).toBe(
      '\\# h\n\\+ p\n\\= s\n2024\\. year\n2\\) two\n\\> q',
    );
  });

  it('leaves plain prose alone', () => {
    expect(escapeMarkdown('TikTok #1: up 20% (Q1), A-B testing. Great!')).toBe(
      'TikTok #1: up 20% (Q1), A-B testing. Great!',
    );
    expect(escapeMarkdown('AT&T & co; &copy; &#60;')).toBe('AT&T & co; \\&copy; \\&#60;');
  });
});
