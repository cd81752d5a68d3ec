import { describe, expect, it } from 'vitest';
import type { Annotation, Page } from '../../../../utils/core/model';
import {
  claimDoc,
  contentHash,
  docHash,
  mergeClaims,
  mergePages,
  pageDoc,
  readRemoteDoc,
} from '../../../../utils/store/sync/docs';
import { HOSTILE_TAGS, HOSTILE_TEXT } from '../../../fixtures/hostile';

const claim: Annotation = {
  id: '00000000-0000-4000-8000-000000000001',
  url: 'https://news.example/a',
  quote: '$17 billion',
  selectors: [{ type: 'TextQuoteSelector', exact: '$17 billion', prefix: '', suffix: '' }],
  type: 'figure',
  tags: ['gmv'],
  note: 'winner',
  created: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-02T00:00:00.000Z',
  author: 'alice',
};
const page: Page = {
  url: 'https://news.example/a',
  aliases: ['https://news.example/amp/a'],
  title: 'A',
  byline: '',
  siteName: '',
  publishedTime: '',
  lang: '',
  excerpt: '',
  firstSeen: '2026-01-01T00:00:00.000Z',
  lastSeen: '2026-01-01T00:00:00.000Z',
};

describe('sync documents', () => {
  it('round-trips a claim and a page, leaving local fields out', () => {
    const local = { ...claim, anchor: { status: 'exact' as const, at: claim.created } };
    const doc = claimDoc(local);
    expect(doc).not.toHaveProperty('anchor');
    expect(readRemoteDoc(JSON.parse(JSON.stringify(doc)))).toEqual({
      kind: 'claim',
      key: `claim:${claim.id}`,
      record: claim,
    });
    expect(readRemoteDoc(pageDoc(page)).record).toEqual(page);
  });

  it('carries the page of a claim in a PDF (p. 12 on every device)', () => {
    const inPdf: Annotation = { ...claim, pdfPage: { index: 11, label: '12' } };
    expect(readRemoteDoc(JSON.parse(JSON.stringify(claimDoc(inPdf)))).record).toEqual(inPdf);
    expect(contentHash(inPdf)).not.toBe(contentHash(claim));
  });

  it('stamps the author only on a claim that has none', () => {
    expect(claimDoc({ ...claim, author: undefined }, 'bob').author).toBe('bob');
    expect(claimDoc(claim, 'bob').author).toBe('alice');
  });

  it('hashes what syncs: a visit or an anchoring report changes nothing', () => {
    expect(contentHash({ ...page, lastSeen: '2027-01-01T00:00:00.000Z' })).toBe(contentHash(page));
    expect(docHash(claimDoc({ ...claim, anchor: { status: 'orphan', at: claim.created } }))).toBe(
      contentHash(claim),
    );
    expect(contentHash({ ...claim, note: 'other' })).not.toBe(contentHash(claim));
  });

  it('refuses malformed and mislabelled documents with a reason', () => {
    const doc = claimDoc(claim) as unknown as Record<string, unknown>;
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ ...doc, _id: 'claim:someone-else' }, /_id/],
      [{ ...doc, v: 2 }, /v must be 1/],
      [{ ...doc, kind: 'evil' }, /kind/],
      [{ ...doc, type: 'evil' }, /type/],
      [{ ...doc, tags: 'x' }, /tags/],
      [{ ...doc, author: 42 }, /author/],
      [{ ...doc, otherNotes: [{ note: 1 }] }, /note/],
      [{ ...doc, url: 'javascript:alert(1)' }, /url/],
      [{ ...doc, quote: 'x'.repeat(100_001) }, /quote/],
      [{ ...pageDoc(page), _id: 'page:https://elsewhere.example/' }, /_id/],
    ];
    for (const [value, reason] of bad) expect(() => readRemoteDoc(value)).toThrow(reason);
  });

  it('keeps hostile text as text', () => {
    for (const { text } of HOSTILE_TEXT.filter((h) => h.text.length < 50_000)) {
      const got = readRemoteDoc(
        claimDoc({ ...claim, note: text, tags: [...HOSTILE_TAGS].slice(0, 50) }),
      );
      expect(got.kind === 'claim' && got.record.note.length).toBe(text.length);
    }
  });

  it('merges a conflict: tags of all, the winner’s note, every other note kept once', () => {
    const a = { ...claim, tags: ['gmv', 'ecommerce'], note: 'winner' };
    const b = {
      ...claim,
      tags: ['regulation'],
      note: 'loser',
      author: 'bob',
      updated: '2026-01-03T00:00:00.000Z',
    };
    const c = { ...claim, tags: ['gmv'], note: 'winner' };
    const merged = mergeClaims(a, [b, c]);
    expect(merged.tags).toEqual(['gmv', 'ecommerce', 'regulation']);
    expect(merged.note).toBe('winner');
    expect(merged.otherNotes).toEqual([{ note: 'loser', author: 'bob', updated: b.updated }]);
    expect(merged.updated).toBe(b.updated);
    expect(mergeClaims(a, [b, c])).toEqual(merged); // deterministic
    expect(mergeClaims(merged, [{ ...claim, note: 'loser' }]).otherNotes).toHaveLength(1);
  });

  it('merges page aliases', () => {
    const other = { ...page, aliases: ['https://news.example/a?x', page.url] };
    expect(mergePages(page, [other]).aliases).toEqual([
      'https://news.example/amp/a',
      'https://news.example/a?x',
    ]);
  });
});
