import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../utils/export/csv';
import { ImportError, parseImport } from '../../../utils/import';
import { csvRows } from '../../../utils/import/csv';
import { HOSTILE_TAGS, HOSTILE_TEXT } from '../../fixtures/hostile';
import { demo } from '../../support/demo';

const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');
const NOW = '2026-01-01T00:00:00.000Z';
const TT = 'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/';
const WK = 'https://en.wikipedia.org/wiki/Mozilla';

describe('CSV import', () => {
  it('reads RFC 4180: quotes, doubled quotes, CRLF and LF, a byte order mark', async () => {
    expect(await csvRows('\uFEFFa,"b,c","d ""e"""\r\n"multi\nline",,x\ny')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['multi\nline', '', 'x'],
      ['y'],
    ]);
    await expect(csvRows('url,quote\nhttp://a.test/,"never ends')).rejects.toThrow(
      /quoted cell that starts on line 2 never ends/,
    );
    expect(await csvRows('a,b\n\n,\r\nc')).toEqual([['a', 'b'], [''], ['', ''], ['c']]);
  });

  it('maps Readwise-style headers', async () => {
    const parsed = await parseImport(fixture('readwise.csv'), { now: NOW });
    expect(parsed.format).toBe('csv');
    expect(parsed.annotations.map((a) => [a.url, a.quote, a.note, a.created])).toEqual([
      [
        TT,
        'Now, the U.S. division is facing a crackdown',
        'Crackdown: reviews, office, PIPs.',
        expect.stringMatching(/^2025-03-0[56]T/),
      ],
      [
        TT,
        'Employees are now required to be in the office five days a week',
        'Multi-line note:\nline two, with "quotes" and, commas',
        NOW,
      ],
      [WK, 'Thunderbird e-mail client', '', '2024-10-02T00:00:00.000Z'],
    ]);
    expect(parsed.pages.map((p) => p.title)).toEqual([
      'TikTok Cracks Down on US E-Commerce Team',
      'Mozilla - Wikipedia',
    ]);
    expect(parsed.rejections.map((r) => `${r.id}: ${r.reason}`)).toEqual([
      'row 5: the row has no quote',
      'row 6: the row has no URL',
    ]);
  });

  it('maps url, quote, note, tags, type and saved; an unknown type is a claim, counted', async () => {
    const parsed = await parseImport(fixture('claims.csv'), { now: NOW });
    expect(parsed.annotations.map((a) => [a.quote, a.type, a.tags])).toEqual([
      ['February 2025', 'date', ['tiktok', 'meetings']],
      ['Amazon and Walmart', 'claim', ['competitors', 'retail']],
      ['February 28, 1998', 'date', ['history']],
      ['Netscape', 'claim', []],
    ]);
    expect(parsed.warnings).toEqual([
      '1 row has a type Claimmark does not know: imported as claim.',
    ]);
  });

  it("reads Claimmark's own CSV export back with the same ids and text", async () => {
    const { pages, annotations } = demo();
    const parsed = await parseImport(toCsv(pages, annotations, { bom: true }), { now: NOW });
    const byId = new Map(parsed.annotations.map((a) => [a.id, a]));
    for (const a of annotations) {
      expect(byId.get(a.id), a.quote).toMatchObject({
        quote: a.quote,
        note: a.note,
        type: a.type,
        tags: a.tags,
      });
    }
  });

  it('refuses a file whose first row names no url and quote columns', async () => {
    const error = await parseImport('name,age\nann,3\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(
      /looks like a CSV, but its first row does not name a url and a quote column/,
    );
  });

  it('keeps hostile cells as written (formulas, markup, controls) and refuses what is too long', async () => {
    const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const lines = ['url,quote,note,tags,type,saved'];
    for (const c of HOSTILE_TEXT) {
      lines.push([TT, c.text, c.text, HOSTILE_TAGS.join(';'), c.text, c.text].map(cell).join(','));
    }
    const parsed = await parseImport(lines.join('\r\n'), { now: NOW });
    const notes = new Set(parsed.annotations.map((a) => a.note));
    for (const c of HOSTILE_TEXT) {
      if (c.text.length > 50_000) continue;
      if (/[\uD800-\uDFFF]/.test(c.text) || c.text.trim() !== c.text) continue;
      expect(notes.has(c.text), c.name).toBe(true);
    }
    expect(notes.has('=HYPERLINK("https://evil.test","click")')).toBe(true);
    expect(parsed.rejections.map((r) => r.reason)).toEqual([
      'quote is longer than 100000 characters',
    ]);
    expect(parsed.annotations.every((a) => a.type === 'claim' && a.created === NOW)).toBe(true);
    expect(parsed.annotations[0]!.tags).toContain('<script>');
  });
});
