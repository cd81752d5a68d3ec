import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../utils/import';
import { htmlToText } from '../../../utils/import/html-text';
import { PWNED_FLAG, HOSTILE_TEXT } from '../../fixtures/hostile';

const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');
const NOW = '2026-01-01T00:00:00.000Z';
const TT = 'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/';
const WK = 'https://en.wikipedia.org/wiki/Mozilla';

describe('Obsidian Web Clipper highlights export', () => {
  it('maps each highlight to a claim placed by its quote', async () => {
    const parsed = await parseImport(fixture('obsidian-highlights.json'), { now: NOW });
    expect(parsed.format).toBe('obsidian');
    expect(parsed.annotations.map((a) => [a.url, a.quote, a.note, a.created])).toEqual([
      [
        TT,
        'Despite impressive figures in some areas, the team missed its ambitious goal of $17 billion in sales.',
        'The headline figure.\n\nSecond thought: compare with 2023.',
        '2025-03-05T18:20:00.000Z',
      ],
      [
        TT,
        'Bob Kang, ByteDance’s head of e-commerce, singled out the U.S. team as underperforming.',
        '',
        '2025-03-05T18:21:00.000Z',
      ],
      [TT, 'TikTok Shop', 'Appears many times: placed at the first.', NOW],
      [TT, 'put everyone on blast & more 💰', '', NOW],
      [
        WK,
        'Mozilla produces many products such as the Firefox web browser',
        'only a comment, no notes',
        '2024-10-01T12:00:00.000Z',
      ],
    ]);
    for (const a of parsed.annotations) {
      expect(a.selectors).toEqual([
        { type: 'TextQuoteSelector', exact: expect.any(String), prefix: '', suffix: '' },
      ]);
      expect(a.type).toBe('claim');
    }
    expect(parsed.pages.find((p) => p.url === WK)?.title).toBe('Mozilla - Wikipedia');
    expect(parsed.rejections.map((r) => r.reason)).toEqual([
      'highlights must be a list',
      'text must be text',
      'quote has no text',
      'URL must be an http(s) or file URL',
      'duplicate of annotation #1 in this file',
    ]);
  });

  it('gives the same ids on a second read (importing again updates, never duplicates)', async () => {
    const a = await parseImport(fixture('obsidian-highlights.json'), { now: NOW });
    const b = await parseImport(fixture('obsidian-highlights.json'), {
      now: '2027-01-01T00:00:00.000Z',
    });
    expect(b.annotations.map((x) => x.id)).toEqual(a.annotations.map((x) => x.id));
  });

  it('takes the text of the HTML without running or keeping any of it', () => {
    expect(htmlToText('<p>one</p><p>two<br>three</p>')).toBe('\none\n\ntwo\nthree\n');
    expect(htmlToText(`a<script>window.${PWNED_FLAG}=1</script>b<style>x{}</style>c`)).toBe('abc');
    expect(htmlToText('&lt;b&gt; &amp;amp; &#60; &#x1F4B0; &bogus; &#xD800;')).toBe(
      '<b> &amp; < 💰 &bogus; �',
    );
    expect(htmlToText('<img src=x onerror="alert(1)">text<!-- comment -->')).toBe('text');
    expect(htmlToText('no markup at all')).toBe('no markup at all');
  });

  it('keeps hostile highlight text as text', async () => {
    const file = [
      {
        url: TT,
        title: HOSTILE_TEXT[0]!.text,
        highlights: HOSTILE_TEXT.filter((c) => c.text.length < 1000).map((c) => ({
          text: c.text.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
          notes: [c.text],
          timestamp: c.text,
        })),
      },
    ];
    const parsed = await parseImport(JSON.stringify(file), { now: NOW });
    const notes = parsed.annotations.map((a) => a.note);
    expect(notes).toContain(`<script>window.${PWNED_FLAG}=1</script>`);
    expect(parsed.annotations.map((a) => a.quote)).toContain(
      `<img src=x onerror="window.${PWNED_FLAG}=1">`,
    );
    expect(parsed.pages[0]!.title).toBe(`<script>window.${PWNED_FLAG}=1</script>`);
    expect(parsed.annotations.every((a) => a.created === NOW)).toBe(true);
  });
});
