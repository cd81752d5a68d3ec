import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashId } from '../../../utils/export/hash-id';
import { wellFormed } from '../../../utils/export/text';
import { collapseWhitespace } from '../../../utils/core/model';
import { parseImport } from '../../../utils/import';
import { summaryLines } from '../../../utils/import/summary';
import { PAGE_NOTE, REPLY } from '../../../utils/import/hypothesis';
import { HOSTILE_TAGS, HOSTILE_TEXT, HOSTILE_URLS } from '../../fixtures/hostile';

const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');
const NOW = '2026-01-01T00:00:00.000Z';
const TT = 'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/';
const WK = 'https://en.wikipedia.org/wiki/Mozilla';

describe('Hypothesis sidebar export (JSON)', () => {
  it('maps quotes, context, position, note, tags, title and times; leaves out replies and page notes', async () => {
    const parsed = await parseImport(fixture('hypothesis-export.json'), { now: NOW });
    expect(parsed.format).toBe('hypothesis');
    const first = parsed.annotations[0]!;
    expect(first).toEqual({
      id: hashId('hypothesis-id\nZq1xJ0fgEe6rQ2s0Wc7kTA'),
      url: TT,
      quote: '$17 billion',
      selectors: [
        {
          type: 'TextQuoteSelector',
          exact: '$17 billion',
          prefix: 'missed its ambitious goal of ',
          suffix: ' in sales. Now, the U.S. divisi',
        },
        { type: 'TextPositionSelector', start: 1710, end: 1721 },
      ],
      type: 'claim',
      tags: ['tiktok', 'e-commerce'],
      note: 'GMV target **missed** by a wide margin.',
      created: '2025-03-06T10:00:00.000Z',
      updated: '2025-03-06T11:30:00.000Z',
    });
    expect(parsed.annotations.map((a) => a.quote)).toEqual([
      '$17 billion',
      'ByteDance leadership, based in China',
      'TikTok’s e-commerce aspirations in the U.S. have hit a roadblock.',
      expect.stringMatching(/^This frustration comes after TikTok Shop .* in TikTok’s approach\.$/),
      'Bob Kang',
    ]);
    // A quote alone: no context, no position (placed by the quote on the next visit).
    expect(parsed.annotations[1]!.selectors).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: 'ByteDance leadership, based in China',
        prefix: '',
        suffix: '',
      },
    ]);
    // Missing fields: no times (the import time), no tags, no text, no document.
    expect(parsed.annotations[4]).toMatchObject({ tags: [], note: '', created: NOW, updated: NOW });
    expect(parsed.annotations[2]!.note).toContain('\u202eevil');
    expect(parsed.annotations[2]!.tags).toEqual(['été', '💰']);
    expect(parsed.pages).toEqual([
      expect.objectContaining({
        url: TT,
        title: 'TikTok Cracks Down on US E-Commerce Team After Missed Sales Targets',
      }),
    ]);
    expect(parsed.leftOut).toEqual([
      { reason: PAGE_NOTE, count: 1 },
      { reason: REPLY, count: 1 },
    ]);
    const reasons = parsed.rejections.map((r) => `${r.index}: ${r.reason}`);
    expect(reasons).toEqual([
      '8: URL must be an http(s) or file URL',
      '9: quote is longer than 100000 characters',
      '6: duplicate of annotation #1 in this file',
    ]);
  });

  it('reads the API search response, its separate replies counted as left out', async () => {
    const parsed = await parseImport(fixture('hypothesis-search.json'), { now: NOW });
    expect(parsed.format).toBe('hypothesis');
    expect(parsed.annotations.map((a) => [a.url, a.quote])).toEqual([
      [WK, 'created in 1998 by members of Netscape'],
      [WK, 'Mozilla Foundation'],
      [WK, 'supported institutionally by the Mozilla Foundation'],
    ]);
    expect(parsed.annotations[0]).toMatchObject({
      created: '2024-11-02T14:05:09.771Z',
      updated: '2024-11-03T09:00:00.000Z',
    });
    expect(parsed.pages[0]!.title).toBe('Mozilla - Wikipedia');
    expect(parsed.leftOut).toEqual([
      { reason: REPLY, count: 1 },
      { reason: PAGE_NOTE, count: 1 },
    ]);
    expect(parsed.rejections).toEqual([]);
  });

  it('is reported in the dry run with what was left out and why', async () => {
    const parsed = await parseImport(fixture('hypothesis-search.json'), { now: NOW });
    const summary = {
      format: parsed.format,
      version: 1,
      annotations: { new: 3, updated: 0, unchanged: 0, kept: 0, rejected: 0 },
      pages: { new: 1, updated: 0, unchanged: 0, rejected: 0 },
      rejections: [],
      warnings: [],
      leftOut: parsed.leftOut!,
    };
    expect(summaryLines(summary)).toContain(
      'Left out: 1 replies to other annotations (not claims), 1 page notes, with no quoted text (not claims)',
    );
  });

  it('keeps hostile text as written and refuses hostile URLs, with reasons', async () => {
    const rows = HOSTILE_TEXT.map((c, i) => ({
      id: `hostile-${i}`,
      uri: TT,
      text: c.text,
      tags: [...HOSTILE_TAGS],
      document: { title: [c.text] },
      created: c.text,
      target: [
        {
          source: TT,
          selector: [{ type: 'TextQuoteSelector', exact: c.text, prefix: c.text, suffix: c.text }],
        },
      ],
    }));
    const urls = HOSTILE_URLS.map((c, i) => ({
      id: `url-${i}`,
      uri: c.text,
      target: [{ source: c.text, selector: [{ type: 'TextQuoteSelector', exact: 'quote' }] }],
    }));
    const parsed = await parseImport(JSON.stringify({ total: 1, rows: [...rows, ...urls] }), {
      now: NOW,
    });
    const byNote = new Map(parsed.annotations.map((a) => [a.note, a]));
    HOSTILE_TEXT.forEach((c, i) => {
      const a = byNote.get(wellFormed(c.text).trim());
      if (c.text.length > 100_000) {
        // Too long for a quote or a note: refused with the reason, nothing else changes.
        expect(a, c.name).toBeUndefined();
        expect(parsed.rejections.find((r) => r.id === `hostile-${i}`)?.reason).toMatch(
          /longer than 100000 characters/,
        );
        return;
      }
      expect(a, c.name).toBeDefined();
      expect(a!.quote).toBe(collapseWhitespace(wellFormed(c.text)));
      expect(a!.created).toBe(NOW); // not a time: the import time
    });
    expect(parsed.annotations[0]!.tags).toEqual([
      '<script>',
      '"><img src=x onerror=window.__claimmarkpwned=1>',
      '__proto__',
      'constructor',
      '=cmd',
      'ta\u200bg',
      '\u202eevil',
      'heading',
    ]);
    // Every hostile URL that is not an http(s) page is refused; the one with a quote in its
    // path is an http URL and kept as data.
    const refused = parsed.rejections.filter((r) => r.id?.startsWith('url-'));
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const r of refused) expect(r.reason).toMatch(/URL/);
    expect(parsed.warnings.join(' ')).toMatch(/broken characters/);
  });
});
