import { describe, expect, it } from 'vitest';
import { claimAsMarkdown } from '../../../utils/export/claim-markdown';
import { hashtag, hashtagsOf, HASHTAG_WORD } from '../../../utils/export/hashtag';
import { exportLibrary, type ExportFormat } from '../../../utils/export/index';
import { claim, page } from '../../support/demo';

/** Tags a reader really types, and the one hashtag each must become everywhere. */
const TRICKY: [tag: string, expected: string][] = [
  ['m&a/deals', 'ma/deals'],
  ['M&A / Deals', 'ma-/-deals'],
  ['Q1 earnings!', 'q1-earnings'],
  ['/leading//and/trailing/', 'leading/and/trailing'],
  ['निवेश', 'निवेश'], // Hindi: the vowel signs are combining marks
  ['cafe\u0301', 'café'], // decomposed é: NFC first
  ['استثمار', 'استثمار'], // Arabic, right to left
  ['\u200fהשקעות\u200e', 'השקעות'], // Hebrew with direction marks around it
  ['🚀 growth', '🚀-growth'],
  ['👩🏽‍💻', '👩🏽‍💻'], // emoji with a skin tone and a zero-width joiner
  ['🇩🇪 market', '🇩🇪-market'], // a flag: two regional indicators
  ['snake_case', 'snake_case'],
  ['a#b', 'ab'],
  ['???', ''],
];

const url = 'https://example.com/a';
const tagged = (tags: string[]) => claim({ quote: 'The quote', url, type: 'figure', tags });

/** The `#words` after the claim's own tag line in a Markdown text. */
function hashtagsIn(markdown: string): string[] {
  const words = new RegExp(`(?:^| )#(${HASHTAG_WORD.source})`, 'gum');
  return [...markdown.matchAll(words)].map((m) => m[1]!);
}

/** The `tags:` list of a YAML front matter, unquoted. */
function frontMatterTags(markdown: string): string[] {
  const front = markdown.slice(0, markdown.indexOf('\n---\n', 4));
  const list = /\ntags:\n((?: {2}- .*\n?)*)/.exec(`${front}\n`)?.[1] ?? '';
  return list
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^ {2}- /, ''))
    .map((v) => (v.startsWith('"') ? (JSON.parse(v) as string) : v));
}

describe('the hashtag rule', () => {
  it.each(TRICKY)('%s → #%s', (tag, expected) => {
    expect(hashtag(tag)).toBe(expected);
  });

  it('drops empty tags and repeats, type first', () => {
    expect(hashtagsOf({ type: 'quote', tags: ['???', 'Deals', 'deals', 'quote'] })).toEqual([
      'quote',
      'deals',
    ]);
  });

  for (const [tag, expected] of TRICKY.filter(([, e]) => e !== '')) {
    it(`"${tag}" is #${expected} in Copy as Markdown, the Markdown export and its front matter`, async () => {
      const a = tagged([tag]);
      const copied = hashtagsIn(claimAsMarkdown(a, 'Title'));
      const data = { pages: [page({ url, title: 'Title' })], annotations: [a] };
      const exported = (await exportLibrary('markdown', data, { deepLinks: false })).text;
      const obsidian = (await exportLibrary('markdown', data, { frontMatter: true })).text;
      expect(copied).toEqual(['figure', expected]);
      expect(hashtagsIn(exported)).toEqual(['figure', expected]);
      expect(frontMatterTags(obsidian)).toEqual([expected, 'figure'].sort());
    });
  }

  it('the data exports (CSV, W3C, backup) keep every tag exactly as typed', async () => {
    const tags = TRICKY.map(([tag]) => tag);
    const data = { pages: [page({ url, title: 'Title' })], annotations: [tagged(tags)] };
    for (const format of ['csv', 'w3c', 'json'] as ExportFormat[]) {
      const { text } = await exportLibrary(format, data);
      const raw = format === 'csv' ? text : JSON.stringify(JSON.parse(text));
      for (const tag of tags) {
        const written =
          format === 'csv' ? tag.replace(/"/g, '""') : JSON.stringify(tag).slice(1, -1);
        expect(raw, `${format}: ${tag}`).toContain(written);
      }
    }
  });
});
