// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Selector } from '../../../../utils/core/model';
import { anchor } from '../../../../utils/page/anchoring/anchor';
import { fromHtml, loadPage } from '../../../support/anchoring/pages';

const quoteOnly = (exact: string): Selector[] => [
  { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
];

describe('anchor: a claim with only its quote (imported from another tool)', () => {
  it('is placed at the first occurrence and flagged when the page repeats it', () => {
    const doc = fromHtml('<p>Intro TikTok Shop grew.</p><p>Later TikTok Shop shrank.</p>');
    const found = anchor(doc.body, quoteOnly('TikTok Shop'));
    expect(found?.range.toString()).toBe('TikTok Shop');
    expect(found?.start).toBe(doc.body.textContent!.indexOf('TikTok Shop'));
    expect(found?.placedByQuote).toBe(true);
  });

  it('is not flagged when the quote occurs once, even a short one without context', () => {
    const doc = loadPage('tiktok-shop-us-crackdown');
    const found = anchor(doc.body, quoteOnly('ByteDance leadership, based in China'));
    expect(found?.range.toString()).toBe('ByteDance leadership, based in China');
    expect(found?.status).toBe('exact');
    expect(found?.placedByQuote).toBeUndefined();
    expect(anchor(doc.body, quoteOnly('$17 billion'))?.range.toString()).toBe('$17 billion');
  });

  it('matches across whitespace and typographic quotes, and prefers running text to a hidden copy', () => {
    const doc = fromHtml('<p hidden>The “big” deal</p><p>The   "big"\n deal was done.</p>');
    const found = anchor(doc.body, quoteOnly('The "big" deal'));
    expect(found?.range.toString()).toBe('The   "big"\n deal');
    expect(found?.placedByQuote).toBe(true);
  });

  it('is an orphan when the words are not on the page', () => {
    const doc = fromHtml('<p>Nothing to see.</p>');
    expect(anchor(doc.body, quoteOnly('$17 billion'))).toBeNull();
  });
});
