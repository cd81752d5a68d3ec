import { describe, expect, it } from 'vitest';
import { escapeMarkdown, toMarkdown } from '../../../utils/export/markdown';
import { claim, demo, golden, page } from '../../support/demo';

const GOLDEN = 'tests/fixtures/golden/markdown/demo.md';
const GOLDEN_OBSIDIAN = 'tests/fixtures/golden/markdown/demo-obsidian.md';

describe('toMarkdown', () => {
  it('renders the demo article like the golden file (UPDATE_FIXTURES=1 regenerates it)', () => {
    const { pages, annotations } = demo();
    const output = toMarkdown(pages, annotations, { exportedAt: '2025-03-07' });
    expect(output).toBe(golden(GOLDEN, output));
  });

  it('renders the Obsidian variant (front matter) like its golden file', () => {
    const { pages, annotations } = demo();
    const output = toMarkdown(pages, annotations, { exportedAt: '2025-03-07', frontMatter: true });
    expect(output).toBe(golden(GOLDEN_OBSIDIAN, output));
    expect(output.startsWith('---\ntitle: "TikTok Cracks Down')).toBe(true);
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
      { deepLinks: false },
    );
    expect(md).toContain('\n\n#figure #tiktok #q1-earnings #ab #café\n');
  });

  it('gives every claim a deep link to its place in the page', () => {
    const { pages, annotations } = demo();
    const md = toMarkdown(pages, annotations);
    const base = 'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/';
    const links = [...md.matchAll(/\[Open in page\]\(<([^>]+)>\)/g)].map((m) => m[1]);
    expect(links).toEqual([
      `${base}#:~:text=ambitious%20goal%20of-,%2417%20billion,-in%20sales.&text=%2417%20billion`,
      // Context cut at the quotation marks (the quote is a blockquote of its own): none left.
      `${base}#:~:text=No%20matter%20how%20hard%20we%20work%2C%20it%20feels%20like%20we%E2%80%99re%20always%20falling%20short%20of%20what%20they%20expect.`,
    ]);
    expect(toMarkdown(pages, annotations, { deepLinks: false })).not.toContain('Open in page');
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
        '#claim · [Open in page](<https://example.com/a#:~:text=Line%20one,%3D%3D%3D>)',
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
    expect(md).not.toContain(':~:');
  });

  it('writes front matter for one page with its metadata, quoted safely', () => {
    const md = toMarkdown(
      [
        page({
          url: 'https://x.example/1',
          title: 'Breaking: "Yes" # no\n- list?',
          byline: "O'Brien \\ Co",
          siteName: '',
          publishedTime: 'not a date',
        }),
      ],
      [claim({ url: 'https://x.example/1', quote: 'q', type: 'figure', tags: ['a b', 'z'] })],
      { frontMatter: true },
    );
    expect(md.slice(0, md.indexOf('\n\n# '))).toBe(
      [
        '---',
        'title: "Breaking: \\"Yes\\" # no - list?"',
        'url: "https://x.example/1"',
        'author: "O\'Brien \\\\ Co"',
        'tags:',
        '  - "a-b"',
        '  - "figure"',
        '  - "z"',
        '---',
      ].join('\n'),
    );
  });

  it('writes front matter for several pages with the export title and all tags', () => {
    const md = toMarkdown(
      [],
      [
        claim({ url: 'https://a.example/', quote: 'a', tags: ['x'] }),
        claim({ url: 'https://b.example/', quote: 'b', type: 'date' }),
      ],
      { frontMatter: true, title: 'Memo: TikTok' },
    );
    expect(md).toMatch(
      /^---\ntitle: "Memo: TikTok"\ntags:\n {2}- "claim"\n {2}- "date"\n {2}- "x"\n---\n\n# Memo: TikTok\n\n2 claims from 2 pages\n/,
    );
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
