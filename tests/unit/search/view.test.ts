import { describe, expect, it } from 'vitest';
import {
  decodeClaimView,
  decodePageView,
  encodeClaimView,
  encodePageView,
} from '../../../utils/search/view';
import type { ClaimSummary } from '../../../utils/core/model';
import { encodeClaims, decodeClaims } from '../../../utils/search/shards';
import { claimEntry } from '../../../utils/search/stream';

const hostile: ClaimSummary = {
  id: 'x',
  url: 'https://x.test/a?b=1#c',
  type: 'figure',
  quote: '<script>alert(1)</script>\n\t"\\ \u2028\u0000 ’',
  note: '</q><img src=x onerror=alert(1)>',
  tags: ['a\tb', 'c\nd', ''],
  created: '2025-04-01T00:00:00.000Z',
  author: 'Robert"); DROP TABLE',
  pdfPage: { index: 2, label: 'iv' },
};

describe('result views (what the index keeps for the list)', () => {
  it('round-trip any text, with no row or field separator in their encoding', () => {
    const text = encodeClaimView(hostile);
    expect(text).not.toMatch(/[\n\t]/);
    expect(decodeClaimView('x', text)).toEqual(hostile);
    const plain = { ...hostile, author: undefined, pdfPage: undefined };
    const decoded = decodeClaimView('x', encodeClaimView(plain));
    expect(decoded).toEqual({ ...plain, author: undefined, pdfPage: undefined });
    expect(decoded).not.toHaveProperty('author');
    expect(decoded).not.toHaveProperty('pdfPage');
    const page = { url: 'https://x.test/a', title: 'A\n<b>title</b>', siteName: 'S\t"n"' };
    expect(encodePageView(page)).not.toMatch(/[\n\t]/);
    expect(decodePageView(page.url, encodePageView(page))).toEqual(page);
  });

  it('give nothing for a missing or malformed view (the claim is read instead)', () => {
    for (const text of [
      '',
      '{',
      '[]',
      '{"quote":"x"}',
      '[1,2,3,4,5,6,7,8]',
      '["u","t","q","n","no tags","c",null,null]',
    ])
      expect(decodeClaimView('x', text)).toBeUndefined();
    expect(decodeClaimView('x', '["u","t","q","n",[],"c",null,{"index":"1"}]')).toBeUndefined();
    // A type that is not one of ours (the card would colour and label it): no view.
    expect(decodeClaimView('x', '["u","<b>","q","n",[],"c",null,null]')).toBeUndefined();
    expect(decodeClaimView('x', '["u","figure","q","n",[],"c",null,null]')).toMatchObject({
      type: 'figure',
    });
    expect(decodePageView('u', '')).toBeUndefined();
    expect(decodePageView('u', '["a"]')).toBeUndefined();
  });

  it('travel through a shard, and are empty for shards stored without them', () => {
    const shard = encodeClaims('c:00', [claimEntry(hostile), claimEntry({ ...hostile, id: 'y' })]);
    const [first, second] = decodeClaims(shard);
    expect(decodeClaimView('x', first!.view)).toEqual(hostile);
    expect(decodeClaimView('y', second!.view)).toEqual({ ...hostile, id: 'y' });
    const old = { ...shard };
    delete old.view;
    delete old.viewAt;
    expect(decodeClaims(old).map((e) => e.view)).toEqual(['', '']);
  });
});
