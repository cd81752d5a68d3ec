// @vitest-environment jsdom
// Painting on a real article page (a saved New York Times story), in its own JSDOM window.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  highlightsOf,
  paintHighlight,
  paintHighlights,
  removeHighlight,
} from '../../../../utils/page/highlight';

const SOURCE = readFileSync('tests/fixtures/pages/nytimes-1/source.html', 'utf8');

function load(): Document {
  return new JSDOM(SOURCE).window.document;
}

function textNodes(root: Node): Text[] {
  const doc = root.ownerDocument!;
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** The Text node and offset of character `offset` of `element`'s text. */
function pointIn(element: Element, offset: number): [Text, number] {
  let rest = offset;
  for (const node of textNodes(element)) {
    if (rest < node.length) return [node, rest];
    rest -= node.length;
  }
  throw new Error(`${element.localName} has no character ${offset}`);
}

/** A range from character `start` of `from`'s text to character `end` of `to`'s. */
function rangeBetween(from: Element, start: number, to: Element, end: number): Range {
  const range = from.ownerDocument.createRange();
  range.setStart(...pointIn(from, start));
  range.setEnd(...pointIn(to, end));
  return range;
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('painting a real article page (nytimes-1)', () => {
  it('paints across two paragraphs and a link, then restores the page exactly', () => {
    const doc = load();
    const [first, second] = Array.from(doc.querySelectorAll('p.story-body-text'));
    expect(first!.querySelector('a')).not.toBeNull(); // the range crosses a link
    const html = doc.body.innerHTML;
    const text = doc.body.textContent;
    const nodes = textNodes(doc.body);

    const range = rangeBetween(first!, 10, second!, 40);
    const selected = range.toString();
    const marks = paintHighlight(range, 'n1', 'claim');

    expect(marks.length).toBeGreaterThanOrEqual(4); // text, link, text, second paragraph
    expect(first!.contains(marks[0]!)).toBe(true);
    expect(second!.contains(marks.at(-1)!)).toBe(true);
    expect(marks.some((mark) => mark.parentElement?.localName === 'a')).toBe(true);
    expect(squeeze(marks.map((mark) => mark.textContent).join(''))).toBe(squeeze(selected));
    expect(marks.every((mark) => /\S/.test(mark.textContent ?? ''))).toBe(true);
    expect(doc.body.textContent).toBe(text);
    expect(doc.body.innerHTML).not.toBe(html);

    removeHighlight(doc.body, 'n1');
    expect(doc.body.innerHTML).toBe(html);
    const after = textNodes(doc.body);
    expect(after.length).toBe(nodes.length);
    after.forEach((node, i) => expect(node).toBe(nodes[i]));
  });

  it('keeps an overlapping highlight exact when the first one is removed', () => {
    const doc = load();
    const [first, second, third] = Array.from(doc.querySelectorAll('p.story-body-text'));
    const html = doc.body.innerHTML;
    paintHighlight(rangeBetween(first!, 10, second!, 40), 'a', 'claim');
    const b = rangeBetween(second!, 20, third!, 30); // starts inside a's marks
    const expectedB = b.toString();
    paintHighlight(b, 'b', 'figure');
    expect(highlightsOf(doc.body, 'b')[0]!.parentElement!.getAttribute('data-annotation-id')).toBe(
      'a',
    );

    removeHighlight(doc.body, 'a');
    const marksOfB = highlightsOf(doc.body, 'b');
    expect(squeeze(marksOfB.map((mark) => mark.textContent).join(''))).toBe(squeeze(expectedB));
    expect(second!.contains(marksOfB[0]!)).toBe(true);

    removeHighlight(doc.body, 'b');
    expect(doc.body.innerHTML).toBe(html);
  });

  it('paints overlapping ranges anchored up front with paintHighlights', () => {
    const doc = load();
    const [first, second, third] = Array.from(doc.querySelectorAll('p.story-body-text'));
    const html = doc.body.innerHTML;
    const ranges = [rangeBetween(first!, 10, second!, 40), rangeBetween(second!, 20, third!, 30)];
    const expected = ranges.map((range) => squeeze(range.toString()));
    const painted = paintHighlights([
      { range: ranges[0]!, id: 'a', type: 'claim' },
      { range: ranges[1]!, id: 'b', type: 'figure' },
    ]);
    painted.forEach((marks, i) => {
      expect(squeeze(marks.map((mark) => mark.textContent).join(''))).toBe(expected[i]);
    });
    removeHighlight(doc.body, 'b');
    expect(
      squeeze(
        highlightsOf(doc.body, 'a')
          .map((m) => m.textContent)
          .join(''),
      ),
    ).toBe(expected[0]);
    removeHighlight(doc.body, 'a');
    expect(doc.body.innerHTML).toBe(html);
  });
});
