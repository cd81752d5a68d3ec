// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Selector, TextQuoteSelector } from '../../../../utils/core/model';
import { anchor as anchorRange, locateIn } from '../../../../utils/page/anchoring/anchor';
import { describe as describeRange } from '../../../../utils/page/anchoring/describe';
import {
  buildTextModel,
  rangeFromOffsets,
  type TextModel,
} from '../../../../utils/page/anchoring/text-model';
import {
  blockOf,
  editAround,
  editInQuote,
  insertParagraphBefore,
  paint,
} from '../../../support/anchoring/edits';
import { fromHtml, loadPage, offsetsOf, selectorsOf } from '../../../support/anchoring/pages';

const TIKTOK = 'tiktok-shop-us-crackdown';

/** `anchor`, checking on the way that `locateIn` (the painter's way, no Range) lands the same. */
function anchor(
  root: Element,
  selectors: Selector[],
  model?: TextModel,
): ReturnType<typeof anchorRange> {
  const found = anchorRange(root, selectors, model);
  if (model) return found; // (may be stale on purpose: anchor builds a new one)
  const located = locateIn(buildTextModel(root), selectors);
  if (found) expect({ ...located, range: found.range }).toEqual(found);
  else expect(located).toBeNull();
  return found;
}
const summary = (a: ReturnType<typeof anchor>) =>
  a && { text: a.range.toString(), status: a.status, start: a.start, end: a.end };

describe('anchor: short claims (figures, dates, names)', () => {
  const saved = selectorsOf(loadPage(TIKTOK).body, '$17 billion');

  it('lands on a fixed typo only because the context agrees', () => {
    const then = loadPage(TIKTOK);
    editInQuote(then.body, '$17 billion', 'billion', 'bilion');
    const stored = selectorsOf(then.body, '$17 bilion');
    const doc = loadPage(TIKTOK);
    expect(summary(anchor(doc.body, stored))).toEqual({
      text: '$17 billion',
      status: 'approximate',
      ...offsetsOf(doc.body, '$17 billion'),
    });
  });

  it('finds the figure when the words around it changed', () => {
    const doc = loadPage(TIKTOK);
    editAround(doc.body, '$17 billion', 'of', 'in');
    insertParagraphBefore(doc.querySelector('.entry-content p')!, 'Update: figures revised.');
    expect(summary(anchor(doc.body, saved))).toEqual({
      text: '$17 billion',
      status: 'exact',
      ...offsetsOf(doc.body, '$17 billion'),
    });
  });

  it('orphans a figure whose paragraph is gone, though similar figures remain', () => {
    const doc = loadPage(TIKTOK);
    blockOf(doc.body, '$17 billion').remove();
    expect(buildTextModel(doc.body).text).toContain('$17B was always a stretch goal');
    expect(anchor(doc.body, saved)).toBeNull();
    const date = loadPage(TIKTOK);
    const stored = selectorsOf(date.body, 'February 2025');
    blockOf(date.body, 'February 2025').remove();
    expect(anchor(date.body, stored)).toBeNull();
  });

  it('orphans a short phrase whose paragraph is gone, though it recurs in similar words', () => {
    const doc = loadPage(TIKTOK);
    const stored = selectorsOf(doc.body, 'in the U.S.');
    expect(stored[0]).toMatchObject({ prefix: expect.stringContaining('e-commerce aspirations ') });
    blockOf(doc.body, 'in the U.S.').remove();
    // Left: "TikTok’s e-commerce division in the U.S. is at a crossroads."
    expect(buildTextModel(doc.body).text).toContain('e-commerce division in the U.S. is');
    expect(anchor(doc.body, stored)).toBeNull();
  });

  it('tells recurring names apart by their context', () => {
    const page = loadPage(TIKTOK);
    const fourth = selectorsOf(page.body, 'ByteDance', 3);
    const doc = loadPage(TIKTOK);
    insertParagraphBefore(doc.querySelector('.entry-content p')!, 'ByteDance declined to comment.');
    expect(summary(anchor(doc.body, fourth))).toEqual({
      text: 'ByteDance',
      status: 'exact',
      ...offsetsOf(doc.body, 'ByteDance', 4),
    });
  });
});

describe('anchor: a range across paragraphs', () => {
  const doc = loadPage(TIKTOK);
  const first = blockOf(doc.body, 'following a failure');
  const second = blockOf(doc.body, 'Despite impressive');
  const range = doc.createRange();
  range.setStart(first.firstChild!, (first.textContent ?? '').indexOf('following a failure'));
  range.setEnd(second.firstChild!, 'Despite impressive'.length);
  const saved = describeRange(doc.body, range)!;

  it('describes the range and anchors it back to the same nodes', () => {
    expect(saved[0].exact).toBe(
      'following a failure to meet 2024 sales targets.\n      Despite impressive',
    );
    const found = anchor(doc.body, saved)!;
    expect(found.status).toBe('exact');
    expect([found.start, found.end]).toEqual([saved[1].start, saved[1].end]);
    expect(found.range.startContainer).toBe(range.startContainer);
    expect(found.range.startOffset).toBe(range.startOffset);
    expect(found.range.endContainer).toBe(range.endContainer);
    expect(found.range.endOffset).toBe(range.endOffset);
  });

  it('finds it after text was inserted and the indentation between them changed', () => {
    const page = loadPage(TIKTOK);
    insertParagraphBefore(page.querySelector('.entry-content p')!, 'Update: more reporting.');
    (blockOf(page.body, 'following a failure').nextSibling as Text).data = '\n\n          ';
    const found = anchor(page.body, saved)!;
    expect(summary(found)).toEqual({
      text: 'following a failure to meet 2024 sales targets.\n\n          Despite impressive',
      status: 'exact',
      ...offsetsOf(
        page.body,
        'following a failure to meet 2024 sales targets.\n\n          Despite impressive',
      ),
    });
  });
});

describe('anchor: batches and painting', () => {
  it('anchors 200 claims of the largest page with one model, all exact', () => {
    const doc = loadPage('guardian-1');
    const model = buildTextModel(doc.body);
    const words = [...model.text.matchAll(/\S+(?: \S+){2,8}/g)].filter((m) => m[0].length > 12);
    const step = Math.floor(words.length / 200);
    const picked = Array.from({ length: 200 }, (_, i) => words[i * step]!);
    const claims = picked.map(
      (m) =>
        describeRange(doc.body, rangeFromOffsets(model, m.index, m.index + m[0].length)!, model)!,
    );
    const found = claims.map((selectors) => anchor(doc.body, selectors, model));
    expect(found.map((a) => a && [a.start, a.status])).toEqual(
      picked.map((m) => [m.index, 'exact']),
    );
  });

  it('keeps ranges anchored before painting valid, and anchors the same after painting', () => {
    const doc = loadPage(TIKTOK);
    const quotes = ['$17 billion', 'put everyone on blast', 'ByteDance leadership, based in China'];
    const claims = quotes.map((q) => selectorsOf(doc.body, q));
    const model = buildTextModel(doc.body);
    const found = claims.map((c) => anchor(doc.body, c, model)!);
    found.forEach((a, i) => paint(a.range, `id-${i}`));
    const marks = quotes.map((_, i) => [
      ...doc.querySelectorAll(`mark[data-annotation-id="id-${i}"]`),
    ]);
    expect(marks.map((m) => m.map((e) => e.textContent).join(''))).toEqual(quotes);
    // The stale model (built before painting) is detected and rebuilt.
    const again = claims.map((c) => summary(anchor(doc.body, c, model)));
    expect(again).toEqual(
      quotes.map((q) => ({ text: q, status: 'exact', ...offsetsOf(doc.body, q) })),
    );
  });
});

describe('anchor: selectors', () => {
  const doc = loadPage(TIKTOK);
  const [quote, position] = selectorsOf(doc.body, 'put everyone on blast') as [
    TextQuoteSelector,
    Selector,
  ];

  it('searches the quote when there is no position or it points elsewhere', () => {
    const expected = {
      text: 'put everyone on blast',
      status: 'exact',
      ...offsetsOf(doc.body, quote.exact),
    };
    expect(summary(anchor(doc.body, [quote]))).toEqual(expected);
    const wrong: Selector = { type: 'TextPositionSelector', start: 10, end: 31 };
    expect(summary(anchor(doc.body, [quote, wrong]))).toEqual(expected);
  });

  it('is null without a quote to verify against', () => {
    expect(anchor(doc.body, [position])).toBeNull();
    expect(anchor(doc.body, [])).toBeNull();
    expect(anchor(doc.body, [{ ...quote, exact: '  ' }, position])).toBeNull();
  });
});

describe('anchor: the stored position', () => {
  it('is trusted for a short quote only when its context is still there', () => {
    const then = fromHtml('<p>Alpha beta. ByteDance owns TikTok.</p>');
    const stored = selectorsOf(then.body, 'ByteDance');
    expect(stored[1]).toMatchObject({ start: 12, end: 21 });
    // Another "ByteDance" now sits at the stored offsets; the claimed one moved.
    const doc = fromHtml(
      '<p>Xx yy zzzzz ByteDance, not Apple. Alpha beta. ByteDance owns TikTok.</p>',
    );
    expect(summary(anchor(doc.body, stored))).toEqual({
      text: 'ByteDance',
      status: 'exact',
      ...offsetsOf(doc.body, 'ByteDance', 1),
    });
  });
});

describe('anchor: copies of the claim in secondary text', () => {
  const BANNER = `<div class="site-message"><p>${'Sign up to our newsletter for the latest news. '.repeat(8)}</p></div>`;
  const INTRO = '<p>Hori Parata has overseen more than 500 strandings in Northland.</p>';
  const ARTICLE =
    'But indigenous elders say they aren’t being listened to when they tell the government what their whale kin are saying.';

  it('prefers the edited original to a pull quote repeating it as it was, though nearer', () => {
    const then = fromHtml(`${INTRO}<p>${ARTICLE}</p><p>The end.</p>`);
    const stored = selectorsOf(then.body, 'elders say they aren’t being');
    // A banner shifts the page; the pull quote, right before the paragraph, is nearer the
    // stored position than the paragraph, and agrees with the claim better: the paragraph's
    // typo was fixed since.
    const doc = fromHtml(
      `${BANNER}${INTRO}<aside class="element element-pullquote"><blockquote><p>“${ARTICLE}”</p></blockquote></aside>` +
        `<p>${ARTICLE.replace('aren’t', 'alen’t')}</p><p>The end.</p>`,
    );
    expect(summary(anchor(doc.body, stored))).toEqual({
      text: 'elders say they alen’t being',
      status: 'approximate',
      ...offsetsOf(doc.body, 'elders say they alen’t being'),
    });
  });

  it('prefers the visible headline, edited, to a hidden copy of it as it was', () => {
    const HEADLINE = '‘What is the sea telling us?’: Māori tribes fearful over whale strandings';
    const page = (visible: string) =>
      fromHtml(
        `<header><h1>${visible}</h1><p>Photographs by Adrian Malloch</p></header>` +
          `<article><h1 class="is-hidden">${HEADLINE}</h1>${INTRO}</article>`,
      );
    const stored = selectorsOf(page(HEADLINE).body, 'Māori tribes fearful');
    const doc = page(HEADLINE.replace('tribes', 'trihes').replace('over', 'official'));
    expect(summary(anchor(doc.body, stored))).toEqual({
      text: 'Māori trihes fearful',
      status: 'approximate',
      ...offsetsOf(doc.body, 'Māori trihes fearful'),
    });
  });

  it('lands on the copy when the original is gone', () => {
    const then = fromHtml(`${INTRO}<p>${ARTICLE}</p><p>The end.</p>`);
    const stored = selectorsOf(then.body, 'elders say they aren’t being');
    const doc = fromHtml(
      `${INTRO}<aside class="pullquote"><p>“${ARTICLE}”</p></aside><p>The end.</p>`,
    );
    expect(summary(anchor(doc.body, stored))).toEqual({
      text: 'elders say they aren’t being',
      status: 'exact',
      ...offsetsOf(doc.body, 'elders say they aren’t being'),
    });
  });

  it('keeps a claim made in an aside there, over copies of its words in other surroundings', () => {
    const HEADLINE = 'Comey Letter on Clinton Email Is Subject of Justice Dept. Inquiry';
    const page = (related: string) =>
      fromHtml(
        `<nav><a>Politics</a> <a>${HEADLINE}</a> <a>World</a></nav>${INTRO}<p>${ARTICLE}</p>` +
          `<aside class="module"><h2>Related coverage</h2><ol><li><a>${related}</a></li>` +
          '<li><a>U.S. Sweetens Offer to Take Sudan Off Terrorist List</a></li></ol></aside>' +
          `<footer><a>${HEADLINE}</a> <a>Terms of service</a></footer>`,
      );
    const stored = selectorsOf(page(HEADLINE).body, HEADLINE, 1);
    const doc = page(HEADLINE.replace('Letter', 'Lettar'));
    expect(summary(anchor(doc.body, stored))).toEqual({
      text: HEADLINE.replace('Letter', 'Lettar'),
      status: 'approximate',
      ...offsetsOf(doc.body, HEADLINE.replace('Letter', 'Lettar')),
    });
  });
});
