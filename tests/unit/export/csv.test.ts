import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../utils/export/csv';
import { claim, demo, golden, page } from '../../support/demo';
import { parseCsv } from '../../tools/csv';

const GOLDEN = 'tests/fixtures/golden/csv/demo.csv';

describe('CSV export', () => {
  it('writes the demo like the golden file (UPDATE_FIXTURES=1 regenerates it)', () => {
    const { pages, annotations } = demo();
    const output = toCsv(pages, annotations);
    expect(output).toBe(golden(GOLDEN, output));
  });

  it('writes one claim per row with the named columns, in the order saved', () => {
    const { pages, annotations } = demo();
    const rows = parseCsv(toCsv(pages, annotations));
    expect(rows[0]).toEqual([
      'saved',
      'published',
      'site',
      'title',
      'url',
      'type',
      'tags',
      'quote',
      'note',
      'link',
      'id',
      'page',
      'author',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[1]!.slice(0, 9)).toEqual([
      '2025-03-06T10:00:00.000Z',
      '2025-03-05',
      'Influencer Marketing Hub',
      'TikTok Cracks Down on US E-Commerce Team After Missed Sales Targets',
      'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/',
      'quote',
      'employee morale',
      'No matter how hard we work, it feels like we’re always falling short of what they expect.',
      'Unnamed employee, via Business Insider.\nCompare with the PIP rollout.',
    ]);
    expect(rows[2]![7]).toBe('$17 billion');
    expect(rows[2]![9]).toMatch(/#:~:text=/);
  });

  it('quotes per RFC 4180 and keeps text literal', () => {
    const hostile = 'He said "yes", then\r\nleft; <script>alert(1)</script>';
    const rows = parseCsv(toCsv([], [claim({ quote: hostile, note: 'a,b', tags: ['x', 'y'] })]));
    expect(rows[1]![7]).toBe(hostile);
    expect(rows[1]![8]).toBe('a,b');
    expect(rows[1]![6]).toBe('x, y');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const value = `${start}HYPERLINK("http://evil","x")`;
      expect(parseCsv(`${csvCell(value)}\r\n`)[0]![0]).toBe(`'${value}`);
    }
    expect(csvCell('-5% in Q1')).toBe("'-5% in Q1");
    expect(csvCell('5 - 3 = 2')).toBe('5 - 3 = 2');
    const rows = parseCsv(
      toCsv(
        [page({ url: 'https://x.example/', title: '=cmd|" /C calc"!A0', siteName: '@SUM(1)' })],
        [claim({ url: 'https://x.example/', quote: '+1 555', note: '-note', tags: ['=t'] })],
      ),
    );
    expect(rows[1]!.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(rows[1]![3]).toBe('\'=cmd|" /C calc"!A0');
  });

  it('starts with a byte order mark only when asked', () => {
    expect(toCsv([], [], { bom: true }).startsWith('\uFEFFsaved,')).toBe(true);
    expect(toCsv([], []).startsWith('saved,')).toBe(true);
    expect(toCsv([], [], { deepLinks: false })).toBe(
      'saved,published,site,title,url,type,tags,quote,note,id,page,author\r\n',
    );
  });

  it('cites the page of a claim in a PDF and links to the PDF at that page', () => {
    const rows = parseCsv(
      toCsv(
        [page({ url: 'https://ir.example.com/q3.pdf', title: 'Q3 results' })],
        [
          claim({
            url: 'https://ir.example.com/q3.pdf',
            quote: '$17 billion',
            pdfPage: { index: 2, label: '3' },
          }),
        ],
      ),
    );
    expect(rows[1]![11]).toBe('p. 3');
    expect(rows[1]![9]).toBe('https://ir.example.com/q3.pdf#page=3');
  });

  it('replaces lone surrogates (no UTF-8 file can hold them)', () => {
    expect(csvCell('a\uDC00b')).toBe('a\uFFFDb');
  });
});
