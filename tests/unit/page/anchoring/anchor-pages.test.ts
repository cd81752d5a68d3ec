// @vitest-environment jsdom
/**
 * Claims saved on real news pages, anchored again after the page was edited. All the claims of a
 * page are edited and anchored together, against one text model, as the content script does.
 */
import { describe, expect, it } from 'vitest';
import type { Selector } from '../../../../utils/core/model';
import { anchor } from '../../../../utils/page/anchoring/anchor';
import { buildTextModel } from '../../../../utils/page/anchoring/text-model';
import {
  blockOf,
  editAround,
  editInQuote,
  insertParagraphBefore,
  respace,
  wrapInQuote,
} from '../../../support/anchoring/edits';
import { loadPage, offsetsOf, selectorsOf } from '../../../support/anchoring/pages';

interface Claim {
  quote: string;
  /** A typo the page had when the claim was saved: [as now, as then]. */
  typo: [string, string];
  /** A similar but different sentence, for a page where the claim's paragraph is gone. */
  lookAlike: string;
}

const PAGES: Record<string, Claim[]> = {
  'tiktok-shop-us-crackdown': [
    {
      quote: 'Employees are now required to be in the office five days a week',
      typo: ['required', 'requried'],
      lookAlike: 'Employees are not required to be in the office four days a week.',
    },
    {
      quote: 'There’s literally no time in a day to fulfill the goals they’re asking for.',
      typo: ['literally', 'literaly'],
      lookAlike: 'There’s actually no time in a week to fulfill the goals they’re setting for.',
    },
    {
      quote: 'ByteDance leadership, based in China, expressed dissatisfaction with TikTok Shop',
      typo: ['dissatisfaction', 'disatisfaction'],
      lookAlike: 'ByteDance leadership, based in Beijing, expressed satisfaction with TikTok Live.',
    },
  ],
  theverge: [
    {
      quote: 'The headset packs an insane 23 megapixels into dual MicroOLED panels',
      typo: ['insane', 'insnae'],
      lookAlike: 'The headset packs an impressive 12 megapixels into dual LCD panels.',
    },
    {
      quote: 'The $1,000 Meta Quest Pro, by contrast, has a resolution of 1800 x 1920 per eye.',
      typo: ['contrast', 'contrats'],
      lookAlike: 'The $500 Meta Quest 3, by contrast, has a resolution of 2064 x 2208 per eye.',
    },
    {
      quote: 'I placed Messages to my immediate right and almost uncomfortably close to my face',
      typo: ['uncomfortably', 'uncomfortabley'],
      lookAlike: 'I placed Safari to my immediate left and almost uncomfortably far from my face.',
    },
  ],
  'nytimes-1': [
    {
      quote: 'On Friday, the Obama administration will announce a new Sudan strategy.',
      typo: ['administration', 'adminstration'],
      lookAlike: 'On Monday, the Trump administration will announce a new Sudan policy.',
    },
    {
      // Crosses a link: "President Bill Clinton" is an <a>.
      quote: 'In 1997, President Bill Clinton imposed a comprehensive trade embargo against Sudan',
      typo: ['comprehensive', 'comprehensve'],
      lookAlike: 'In 1993, President Bill Clinton imposed a partial arms embargo against Iran.',
    },
    {
      quote: 'killing more than 200 people',
      typo: ['people', 'poeple'],
      lookAlike: 'The attacks were aimed at killing more than 20 people.',
    },
  ],
  'bbc-1': [
    {
      quote: 'If you look at the number of Americans killed since 9/11 by terrorism',
      typo: ['terrorism', 'terrorsim'],
      lookAlike:
        'If you look at the number of Kenyans killed since 1998 by terrorism, it is small.',
    },
    {
      quote: 'needed to improve their records on human rights and democracy',
      typo: ['democracy', 'democarcy'],
      lookAlike:
        'Officials said they needed to improve their records on press freedom and democracy.',
    },
  ],
  'guardian-1': [
    {
      quote: 'more than 5,000 incidents recorded since 1840',
      typo: ['incidents', 'incidnets'],
      lookAlike: 'Records show more than 3,000 incidents reported since 1900.',
    },
    {
      quote: 'Seven decades later, Parata, 75, has now overseen more than 500 strandings',
      typo: ['overseen', 'oversen'],
      lookAlike: 'Five decades later, Parata, 55, has now attended more than 300 strandings.',
    },
    {
      // Crosses a link: "Project Jonah" is an <a>, the quote starts right after it.
      quote: 'with 140 pilot whales beaching and dying on Stewart Island',
      typo: ['beaching', 'beching'],
      lookAlike: 'A pod of 40 pilot whales beaching and surviving on Stewart Island was reported.',
    },
  ],
};

const INSERTED = 'Update: this story has been revised to include comments from the company.';

/** Anchor every claim against one text model of the page. */
function anchorAll(doc: Document, claims: Selector[][]) {
  const model = buildTextModel(doc.body);
  return claims.map((selectors) => anchor(doc.body, selectors, model));
}

/** What an anchoring looks like, to compare with toEqual. */
function seen(doc: Document, quote: string, status: 'exact' | 'approximate', nth = 0) {
  return { text: quote, status, ...offsetsOf(doc.body, quote, nth) };
}

/** Delete the paragraphs of the quotes (two quotes may share one). */
function deleteParagraphs(doc: Document, quotes: string[]): void {
  const blocks = quotes.map((q) => blockOf(doc.body, q));
  for (const block of blocks) block.remove();
}

const summary = (a: ReturnType<typeof anchor>) =>
  a && { text: a.range.toString(), status: a.status, start: a.start, end: a.end };

describe.each(Object.entries(PAGES))('%s', (page, claims) => {
  const quotes = claims.map((c) => c.quote);
  const saved = (() => {
    const doc = loadPage(page);
    return quotes.map((q) => selectorsOf(doc.body, q));
  })();

  it('anchors every claim exactly where it was on the unchanged page', () => {
    const doc = loadPage(page);
    const found = anchorAll(doc, saved).map(summary);
    expect(found).toEqual(quotes.map((q) => seen(doc, q, 'exact')));
  });

  it('lands on the corrected words when a typo inside the claim was fixed', () => {
    const then = loadPage(page);
    const typoed = claims.map(({ quote, typo: [now, was] }) =>
      editInQuote(then.body, quote, now, was),
    );
    const stored = typoed.map((q) => selectorsOf(then.body, q));
    const doc = loadPage(page);
    const found = anchorAll(doc, stored).map(summary);
    expect(found).toEqual(quotes.map((q) => seen(doc, q, 'approximate')));
  });

  it('finds the claim by its quote after a paragraph was inserted before it', () => {
    const doc = loadPage(page);
    for (const q of quotes) insertParagraphBefore(blockOf(doc.body, q), INSERTED);
    const found = anchorAll(doc, saved).map(summary);
    expect(found).toEqual(quotes.map((q) => seen(doc, q, 'exact')));
    expect(found[0]!.start).toBeGreaterThan(offsetsOf(loadPage(page).body, quotes[0]!).start);
  });

  it('finds the claim when the words around it were edited', () => {
    const doc = loadPage(page);
    for (const q of quotes) editAround(doc.body, q, 'reportedly', 'nonetheless');
    expect(anchorAll(doc, saved).map(summary)).toEqual(quotes.map((q) => seen(doc, q, 'exact')));
  });

  it('orphans the claim when its paragraph was deleted', () => {
    const doc = loadPage(page);
    deleteParagraphs(doc, quotes);
    expect(anchorAll(doc, saved)).toEqual(quotes.map(() => null));
  });

  it('orphans the claim when its paragraph was deleted and a look-alike sentence exists', () => {
    const doc = loadPage(page);
    deleteParagraphs(doc, quotes);
    const first = doc.body.querySelector('p')!;
    for (const c of claims) insertParagraphBefore(first, c.lookAlike);
    expect(anchorAll(doc, saved)).toEqual(quotes.map(() => null));
  });

  it('prefers the original to a pull quote of the same words placed before it', () => {
    const doc = loadPage(page);
    for (const q of quotes) {
      const aside = doc.createElement('aside');
      aside.textContent = `Editor’s pick: “${q}” Read the full story below.`;
      blockOf(doc.body, q).before(aside);
    }
    const found = anchorAll(doc, saved).map(summary);
    expect(found).toEqual(quotes.map((q) => seen(doc, q, 'exact', 1)));
  });

  it('prefers the corrected original to a pull quote repeating it as it was, right before it', () => {
    const then = loadPage(page);
    const typoed = claims.map(({ quote, typo: [now, was] }) =>
      editInQuote(then.body, quote, now, was),
    );
    const stored = typoed.map((q) => selectorsOf(then.body, q));
    const doc = loadPage(page);
    typoed.forEach((was, i) => {
      const aside = doc.createElement('aside');
      aside.className = 'element element-pullquote';
      aside.textContent = `“${was}”`;
      blockOf(doc.body, quotes[i]!).before(aside);
    });
    const found = anchorAll(doc, stored).map(summary);
    expect(found).toEqual(quotes.map((q) => seen(doc, q, 'approximate')));
  });

  it('finds the claim across elements added inside it (and text added before it)', () => {
    const doc = loadPage(page);
    for (const q of quotes) {
      insertParagraphBefore(blockOf(doc.body, q), INSERTED);
      const words = q.split(' ');
      wrapInQuote(doc.body, q, words[1]!, 'em');
      wrapInQuote(doc.body, q, words.slice(-2).join(' '), 'a');
    }
    const found = anchorAll(doc, saved);
    expect(found.map(summary)).toEqual(quotes.map((q) => seen(doc, q, 'exact')));
    for (const a of found) expect(a!.range.startContainer).not.toBe(a!.range.endContainer);
  });

  it('finds the claim when whitespace inside it changed', () => {
    const doc = loadPage(page);
    const now = quotes.map((q) => respace(doc.body, q));
    expect(now[0]).toContain('\n          ');
    expect(anchorAll(doc, saved).map(summary)).toEqual(now.map((q) => seen(doc, q, 'exact')));
  });
});

describe('guardian-1: a whole paragraph whose neighbours changed', () => {
  it('is found with a typo fixed in it, a paragraph inserted before it and a pull quote after it', () => {
    const then = loadPage('guardian-1');
    const paragraph = blockOf(then.body, 'Seven decades later, Parata, 75, has now overseen');
    const quote = (paragraph.textContent ?? '').trim();
    expect(quote.length).toBeGreaterThan(150);
    const saved = selectorsOf(then.body, quote);
    const doc = loadPage('guardian-1');
    const block = blockOf(doc.body, quote);
    insertParagraphBefore(block, INSERTED);
    const aside = doc.createElement('aside');
    aside.className = 'element element-pullquote';
    aside.textContent = '“Whales are our ancestors, and they are dying,” says Parata.';
    block.after(aside);
    const now = editInQuote(doc.body, quote, 'overseen', 'oversen');
    expect(anchorAll(doc, [saved]).map(summary)).toEqual([seen(doc, now, 'approximate')]);
  });
});
