// @vitest-environment jsdom
import { describe as suite, expect, it } from 'vitest';
import { CONTEXT_LENGTH, describe } from '../../../../utils/page/anchoring/describe';
import { UI_ATTRIBUTE, buildTextModel } from '../../../../utils/page/anchoring/text-model';
import { fromHtml, loadPage, offsetsOf, rangeOf } from '../../../support/anchoring/pages';

suite('describe', () => {
  it('stores the quote, 32 characters of context each side and the position', () => {
    const doc = loadPage('tiktok-shop-us-crackdown');
    const { start, end } = offsetsOf(doc.body, '$17 billion');
    expect(CONTEXT_LENGTH).toBe(32);
    expect(describe(doc.body, rangeOf(doc.body, '$17 billion'))).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: '$17 billion',
        prefix: 'he team missed its ambitious goal of '.slice(-32),
        suffix: ' in sales. Now, the U.S. division'.slice(0, 32),
      },
      { type: 'TextPositionSelector', start, end },
    ]);
  });

  it('collapses whitespace in the context and reaches past indentation', () => {
    const doc = fromHtml(
      '<p>First paragraph ends here.</p>\n' +
        ' '.repeat(200) +
        '<p>Quote starts. Then more words follow it.</p>',
    );
    const [quote] = describe(doc.body, rangeOf(doc.body, 'Quote starts.'))!;
    expect(quote.prefix).toBe('First paragraph ends here. ');
    expect(quote.suffix).toBe(' Then more words follow it.');
  });

  it('leaves whitespace at either end of the selection out', () => {
    const doc = fromHtml('<p>alpha beta</p>\n  <p>gamma delta</p>');
    const range = rangeOf(doc.body, ' beta\n  ');
    const [quote, position] = describe(doc.body, range)!;
    expect(quote.exact).toBe('beta');
    expect(quote.suffix).toBe(' gamma delta');
    expect(position).toEqual({ type: 'TextPositionSelector', start: 6, end: 10 });
  });

  it('describes a range that crosses paragraphs', () => {
    const doc = fromHtml('<p>one two three</p>\n<p>four <b>five</b> six</p>');
    const range = doc.createRange();
    range.setStart(doc.querySelector('p')!.firstChild!, 4);
    range.setEnd(doc.querySelector('b')!.firstChild!, 2);
    const [quote, position] = describe(doc.body, range)!;
    expect(quote.exact).toBe('two three\nfour fi');
    expect(quote.prefix).toBe('one ');
    expect(quote.suffix).toBe('ve six');
    expect(position).toMatchObject({ start: 4, end: 21 });
  });

  it('is null for a collapsed range, whitespace only or our own UI only', () => {
    const doc = fromHtml(`<p>text</p>\n   <div ${UI_ATTRIBUTE}>Save claim</div><p>more</p>`);
    const collapsed = doc.createRange();
    collapsed.setStart(doc.querySelector('p')!.firstChild!, 2);
    expect(describe(doc.body, collapsed)).toBeNull();
    expect(describe(doc.body, rangeOf(doc.body, '\n   '))).toBeNull();
    const ui = doc.createRange();
    ui.selectNodeContents(doc.querySelector(`[${UI_ATTRIBUTE}]`)!);
    expect(describe(doc.body, ui)).toBeNull();
  });

  it('reuses a given model, and rebuilds a stale one', () => {
    const doc = fromHtml('<p>alpha beta gamma</p>');
    const model = buildTextModel(doc.body);
    expect(describe(doc.body, rangeOf(doc.body, 'beta'), model)?.[1]).toMatchObject({
      start: 6,
      end: 10,
    });
    (model.nodes[0] as Text).splitText(6); // painted since
    const range = rangeOf(doc.body, 'gamma');
    expect(describe(doc.body, range, model)?.[0].exact).toBe('gamma');
  });
});
