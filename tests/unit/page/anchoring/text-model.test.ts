// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  UI_ATTRIBUTE,
  buildTextModel,
  offsetsFromRange,
  rangeFromOffsets,
} from '../../../../utils/page/anchoring/text-model';
import { wrapWords } from '../../../support/anchoring/edits';
import { fromHtml, loadPage, offsetsOf } from '../../../support/anchoring/pages';

describe('buildTextModel', () => {
  it('concatenates text nodes in document order, skipping non-page text', () => {
    const doc = fromHtml(
      '<p>One <b>two</b></p><script>var x = "no";</script><style>p{}</style>' +
        '<noscript>no</noscript><template>no</template><textarea>no</textarea>' +
        `<div ${UI_ATTRIBUTE}><span>toolbar</span></div><p>three</p>`,
    );
    const model = buildTextModel(doc.body);
    expect(model.text).toBe('One twothree');
    expect(model.nodes.map((n) => n.data)).toEqual(['One ', 'two', 'three']);
    expect(model.starts).toEqual([0, 4, 7]);
    expect(model.root).toBe(doc.body);
  });

  it('skips nested, empty and trailing skipped subtrees, and text right after them', () => {
    const doc = fromHtml(
      `<noscript></noscript><p>a</p><div ${UI_ATTRIBUTE}>x<template>y</template>` +
        '<textarea>z</textarea><b>w</b></div>b<style></style><script>s</script>' +
        '<i>c<script>t</script></i>d<noscript>no<b>deep</b></noscript>',
    );
    doc.body.append(doc.createTextNode(''), doc.createElement('script'));
    doc.body.lastElementChild!.append('end', doc.createTextNode(''));
    const model = buildTextModel(doc.body);
    expect(model.text).toBe('abcd');
    expect(model.nodes.map((n) => n.data)).toEqual(['a', 'b', 'c', 'd', '']);
    expect(model.starts).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps the page text of a real page and leaves its scripts out', () => {
    const doc = loadPage('tiktok-shop-us-crackdown');
    const { text } = buildTextModel(doc.body);
    expect(text).toContain('the team missed its ambitious goal of $17 billion in sales.');
    expect(text).not.toContain('font-family');
    expect(text.startsWith('\n  \n    Influencer Marketing Hub')).toBe(true);
  });

  it('is unchanged by painting: split text nodes and <mark> wrappers', () => {
    const doc = loadPage('tiktok-shop-us-crackdown');
    const before = buildTextModel(doc.body);
    const quotes = ['$17 billion', 'Bob Kang', 'put everyone on blast'];
    const offsets = quotes.map((q) => offsetsOf(doc.body, q));
    wrapWords(doc.body, '$17 billion', 'mark').setAttribute('data-annotation-id', 'a');
    wrapWords(doc.body, 'Kang', 'mark');
    const kang = doc.querySelector('mark:last-of-type')?.firstChild as Text;
    kang.splitText(2);
    const after = buildTextModel(doc.body);
    expect(after.text).toBe(before.text);
    expect(after.nodes.length).toBe(before.nodes.length + 5);
    quotes.forEach((q, i) => {
      expect(offsetsOf(doc.body, q)).toEqual(offsets[i]);
      const range = rangeFromOffsets(after, offsets[i]!.start, offsets[i]!.end);
      expect(range?.toString()).toBe(q);
    });
  });
});

describe('rangeFromOffsets', () => {
  const doc = fromHtml('<p>ab<i>cd</i></p><p></p><p>ef</p>');
  const model = buildTextModel(doc.body);

  it('starts at the beginning of a node and ends at the end of one', () => {
    const range = rangeFromOffsets(model, 2, 4)!;
    expect(range.startContainer).toBe(model.nodes[1]);
    expect(range.startOffset).toBe(0);
    expect(range.endContainer).toBe(model.nodes[1]);
    expect(range.endOffset).toBe(2);
    expect(range.toString()).toBe('cd');
  });

  it('spans nodes and elements', () => {
    const range = rangeFromOffsets(model, 1, 5)!;
    expect(range.toString()).toBe('bcde');
    expect(range.endContainer).toBe(model.nodes[2]);
  });

  it('returns a collapsed range, and null out of bounds', () => {
    const collapsed = rangeFromOffsets(model, 4, 4)!;
    expect(collapsed.collapsed).toBe(true);
    expect(collapsed.startContainer).toBe(model.nodes[2]);
    expect(rangeFromOffsets(model, 6, 6)?.startOffset).toBe(2);
    expect(rangeFromOffsets(model, 3, 7)).toBeNull();
    expect(rangeFromOffsets(model, -1, 2)).toBeNull();
    expect(rangeFromOffsets(model, 3, 2)).toBeNull();
    expect(rangeFromOffsets(buildTextModel(fromHtml('<p></p>').body), 0, 0)).toBeNull();
  });

  it('is null when the model is stale (a boundary node changed)', () => {
    const d = fromHtml('<p>hello world</p>');
    const stale = buildTextModel(d.body);
    stale.nodes[0]!.splitText(5);
    expect(rangeFromOffsets(stale, 0, 11)).toBeNull();
    expect(rangeFromOffsets(buildTextModel(d.body), 0, 11)?.toString()).toBe('hello world');
  });
});

describe('offsetsFromRange', () => {
  const doc = fromHtml(`<p id="a">ab<i>cd</i></p><div ${UI_ATTRIBUTE}>ui</div><p id="b">ef</p>`);
  const model = buildTextModel(doc.body);
  const range = (sc: Node, so: number, ec: Node, eo: number): Range => {
    const r = doc.createRange();
    r.setStart(sc, so);
    r.setEnd(ec, eo);
    return r;
  };
  const a = doc.getElementById('a')!;
  const b = doc.getElementById('b')!;
  const ui = doc.querySelector(`[${UI_ATTRIBUTE}]`)!;

  it('maps text boundaries', () => {
    expect(offsetsFromRange(model, range(a.firstChild!, 1, b.firstChild!, 1))).toEqual({
      start: 1,
      end: 5,
    });
  });

  it('maps element boundaries to the next page text', () => {
    expect(offsetsFromRange(model, range(a, 1, a, 2))).toEqual({ start: 2, end: 4 });
    expect(offsetsFromRange(model, range(doc.body, 0, doc.body, 3))).toEqual({
      start: 0,
      end: 6,
    });
    expect(offsetsFromRange(model, range(b, 1, b, 1))).toEqual({ start: 6, end: 6 });
  });

  it('maps boundaries inside skipped content to the next page text', () => {
    expect(offsetsFromRange(model, range(ui.firstChild!, 1, b.firstChild!, 2))).toEqual({
      start: 4,
      end: 6,
    });
  });

  it('is null outside root, or in a text node the model does not know', () => {
    const outside = range(doc.head, 0, a.firstChild!, 1);
    expect(offsetsFromRange(model, outside)).toBeNull();
    const added = doc.createTextNode('new');
    b.append(added);
    expect(offsetsFromRange(model, range(added, 0, added, 2))).toBeNull();
    added.remove();
  });

  it('round-trips with rangeFromOffsets on a real page', () => {
    const page = loadPage('nytimes-1');
    const m = buildTextModel(page.body);
    for (let start = 0; start < m.text.length; start += 997) {
      const end = Math.min(m.text.length, start + 313);
      expect(offsetsFromRange(m, rangeFromOffsets(m, start, end)!)).toEqual({ start, end });
    }
  });
});
