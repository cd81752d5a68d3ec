// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildTextModel,
  rangeFromOffsets,
  UI_ATTRIBUTE,
} from '../../../../utils/page/anchoring/text-model';
import { paintOffsets, type Splits } from '../../../../utils/page/highlight/paint';
import { afterSplits } from '../../../../utils/page/highlight/splits';
import { CLAIM_TYPES } from '../../../../utils/core/model';
import {
  HIGHLIGHT_ATTRIBUTE,
  HIGHLIGHT_CLASS,
  TYPE_COLOURS,
  highlightsOf,
  paintHighlight,
  paintHighlights,
  removeHighlight,
  setHighlightType,
} from '../../../../utils/page/highlight';
import { createRng } from '../../../support/random';

// ---------------------------------------------------------------------------------------------
// Helpers

function mount(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

afterEach(() => document.body.replaceChildren());

function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** A range over text offsets [start, end) of the concatenated Text nodes under root. */
function rangeAt(root: Node, start: number, end: number): Range {
  const range = document.createRange();
  let offset = 0;
  let started = false;
  for (const node of textNodes(root)) {
    const next = offset + node.length;
    if (!started && start < next) {
      range.setStart(node, start - offset);
      started = true;
    }
    if (started && end <= next) {
      range.setEnd(node, end - offset);
      return range;
    }
    offset = next;
  }
  throw new Error(`no text at ${start}-${end}`);
}

/** A range over the first occurrence of `text` in root's text (which may cross elements). */
function select(root: Node, text: string): Range {
  const start = (root.textContent ?? '').indexOf(text);
  if (start < 0) throw new Error(`${JSON.stringify(text)} not found`);
  return rangeAt(root, start, start + text.length);
}

/** A range from the start of `from` to the end of the first `to` after it. */
function span(root: Node, from: string, to: string): Range {
  const text = root.textContent ?? '';
  const start = text.indexOf(from);
  const end = text.indexOf(to, start) + to.length;
  if (start < 0 || end < to.length) throw new Error(`${from}…${to} not found`);
  return rangeAt(root, start, end);
}

const textOf = (marks: HTMLElement[]) => marks.map((mark) => mark.textContent);
const parentsOf = (marks: HTMLElement[]) => marks.map((mark) => mark.parentElement?.localName);
const markedText = (root: ParentNode, id: string) => textOf(highlightsOf(root, id)).join('');

/** Snapshot of everything removal must restore: markup, and the very same Text nodes in order. */
function snapshot(root: HTMLElement) {
  return { html: root.innerHTML, nodes: textNodes(root), data: textNodes(root).map((t) => t.data) };
}

function expectRestored(root: HTMLElement, before: ReturnType<typeof snapshot>) {
  expect(root.innerHTML).toBe(before.html);
  const nodes = textNodes(root);
  expect(nodes.length).toBe(before.nodes.length);
  nodes.forEach((node, i) => expect(node).toBe(before.nodes[i]));
  expect(nodes.map((t) => t.data)).toEqual(before.data);
}

const INLINE = '<p>He said <em>very <a href="/x">clearly</a> that</em> it was.</p>';
const LIST = '<ul>\n  <li>Sales rose.</li>\n  <li>Costs fell.</li>\n</ul>';
const TABLE =
  '<table>\n<tbody>\n<tr>\n<td>Q1</td>\n<td>$5bn</td>\n</tr>\n<tr>\n<td>Q2</td>\n<td>$6bn</td>\n</tr>\n</tbody>\n</table>';
const QUOTE =
  '<blockquote>\n<p>“We will grow,” she said.</p>\n<p>Analysts disagree.</p>\n</blockquote>';

// ---------------------------------------------------------------------------------------------

describe('paintHighlight', () => {
  it('wraps a whole text node in one mark with id, type and class', () => {
    const root = mount('<p>Revenue rose 12%.</p>');
    const p = root.querySelector('p')!;
    const range = document.createRange();
    range.selectNodeContents(p);
    const marks = paintHighlight(range, 'a1', 'figure');
    expect(marks).toHaveLength(1);
    const [mark] = marks;
    expect(mark!.localName).toBe('mark');
    expect(mark!.getAttribute(HIGHLIGHT_ATTRIBUTE)).toBe('a1');
    expect(mark!.getAttribute('data-claim-type')).toBe('figure');
    expect(mark!.classList.contains(HIGHLIGHT_CLASS)).toBe(true);
    expect(Array.from(p.childNodes)).toEqual([mark]);
    expect(mark!.textContent).toBe('Revenue rose 12%.');
  });

  it('splits a partly selected text node', () => {
    const root = mount('<p>Revenue rose 12% in 2023.</p>');
    const marks = paintHighlight(select(root, 'rose 12%'), 'a1', 'figure');
    const p = root.querySelector('p')!;
    expect(Array.from(p.childNodes, (n) => [n.nodeName, n.textContent])).toEqual([
      ['#text', 'Revenue '],
      ['MARK', 'rose 12%'],
      ['#text', ' in 2023.'],
    ]);
    expect(marks).toEqual([p.childNodes[1]]);
  });

  it('crosses paragraph boundaries without wrapping the whitespace between them', () => {
    const root = mount('<p>First paragraph ends here.</p>\n<p>Second one starts here.</p>');
    const marks = paintHighlight(select(root, 'ends here.\nSecond one'), 'a1', 'claim');
    expect(textOf(marks)).toEqual(['ends here.', 'Second one']);
    expect(parentsOf(marks)).toEqual(['p', 'p']);
    expect(Array.from(root.childNodes, (n) => n.nodeName)).toEqual(['P', '#text', 'P']);
  });

  it('wraps inside inline formatting and links, keeping them intact', () => {
    const root = mount(INLINE);
    const marks = paintHighlight(select(root, 'said very clearly that it'), 'a1', 'quote');
    expect(textOf(marks)).toEqual(['said ', 'very ', 'clearly', ' that', ' it']);
    expect(parentsOf(marks)).toEqual(['p', 'em', 'a', 'em', 'p']);
    const link = root.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('/x');
    expect(Array.from(link.childNodes)).toEqual([marks[2]]);
  });

  it('wraps a space between inline siblings so the highlight has no gap', () => {
    const root = mount('<p><em>rose</em> <strong>12%</strong> today</p>');
    const marks = paintHighlight(select(root, 'rose 12%'), 'a1', 'figure');
    expect(textOf(marks)).toEqual(['rose', ' ', '12%']);
    expect(parentsOf(marks)).toEqual(['em', 'p', 'strong']);
  });

  it('skips a whitespace-only tail of a selection in the next text node', () => {
    const root = mount('<p><em>Revenue rose.</em> Costs fell.</p>');
    const marks = paintHighlight(select(root, 'rose. '), 'a1', 'figure');
    expect(textOf(marks)).toEqual(['rose.']);
  });

  it('wraps list items but not the whitespace directly inside the list', () => {
    const root = mount(LIST);
    const ul = root.querySelector('ul')!;
    const listText = Array.from(ul.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE);
    expect(listText.length).toBe(3); // the formatting whitespace this test is about
    const marks = paintHighlight(select(root, 'rose.\n  Costs'), 'a1', 'claim');
    expect(textOf(marks)).toEqual(['rose.', 'Costs']);
    expect(parentsOf(marks)).toEqual(['li', 'li']);
    expect(ul.querySelectorAll(':scope > mark')).toHaveLength(0);
    expect(Array.from(ul.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE)).toEqual(
      listText,
    );
  });

  it('wraps table cells but not the whitespace directly inside table, tbody or tr', () => {
    const root = mount(TABLE);
    const structural = Array.from(root.querySelectorAll('table, tbody, tr'));
    const layoutText = structural.flatMap((el) =>
      Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE),
    );
    expect(layoutText.length).toBeGreaterThan(5); // the parser kept the formatting whitespace
    const marks = paintHighlight(select(root, 'Q1\n$5bn\n\n\nQ2\n$6bn'), 't1', 'figure');
    expect(textOf(marks)).toEqual(['Q1', '$5bn', 'Q2', '$6bn']);
    expect(parentsOf(marks)).toEqual(['td', 'td', 'td', 'td']);
    for (const el of structural) expect(el.querySelectorAll(':scope > mark')).toHaveLength(0);
    for (const node of layoutText) expect(node.parentElement?.localName).not.toBe('mark');
  });

  it('wraps the paragraphs of a blockquote', () => {
    const root = mount(QUOTE);
    const blockquote = root.querySelector('blockquote')!;
    const range = document.createRange();
    range.selectNodeContents(blockquote);
    const marks = paintHighlight(range, 'q1', 'quote');
    expect(textOf(marks)).toEqual(['“We will grow,” she said.', 'Analysts disagree.']);
    expect(parentsOf(marks)).toEqual(['p', 'p']);
    expect(blockquote.querySelectorAll(':scope > mark')).toHaveLength(0);
  });

  it('leaves text alone where a mark would break or hide it (style, SVG)', () => {
    const root = mount(
      '<p>Before</p><style>p { color: red }</style><svg><text>chart</text></svg><p>After</p>',
    );
    const range = document.createRange();
    range.selectNodeContents(root);
    const marks = paintHighlight(range, 'a1', 'claim');
    expect(textOf(marks)).toEqual(['Before', 'After']);
    expect(root.querySelector('style')!.childNodes).toHaveLength(1);
    expect(root.querySelector('svg mark')).toBeNull();
  });

  it("leaves Claimmark's own UI alone", () => {
    const root = mount(`<p>Before</p><div ${UI_ATTRIBUTE}><button>Save</button></div><p>After</p>`);
    const range = document.createRange();
    range.selectNodeContents(root);
    expect(textOf(paintHighlight(range, 'a1', 'claim'))).toEqual(['Before', 'After']);
  });

  it('paints nothing for a collapsed or whitespace-only range', () => {
    const root = mount('<p>One.</p>\n<p>Two.</p>');
    const before = snapshot(root);
    const collapsed = select(root, 'One');
    collapsed.collapse(true);
    expect(paintHighlight(collapsed, 'a1', 'claim')).toEqual([]);
    expect(paintHighlight(select(root, '\n'), 'a2', 'claim')).toEqual([]);
    expectRestored(root, before);
  });

  it('leaves the range covering the same text', () => {
    const root = mount(INLINE + '\n<p>Next paragraph.</p>');
    const range = select(root, 'clearly that it was.\nNext');
    const text = range.toString();
    const marks = paintHighlight(range, 'a1', 'claim');
    expect(range.toString()).toBe(text);
    expect(marks[0]!.contains(range.startContainer)).toBe(true);
    expect(marks.at(-1)!.contains(range.endContainer)).toBe(true);
  });

  it('never changes the text of the page', () => {
    const root = mount(INLINE + LIST + TABLE + QUOTE);
    const text = document.body.textContent;
    paintHighlight(select(root, 'very clearly'), 'a', 'claim');
    paintHighlight(span(root, 'clearly', 'Sales'), 'b', 'quote');
    paintHighlight(span(root, 'fell.', 'Q1'), 'c', 'date');
    paintHighlight(span(root, 'Q2', '“We will'), 'd', 'forecast');
    expect(root.querySelectorAll('mark').length).toBeGreaterThan(8);
    expect(document.body.textContent).toBe(text);
  });
});

describe('styling', () => {
  /** How the DOM serializes a colour, to compare with what a mark holds. */
  function normalized(colour: string): string {
    const probe = document.createElement('span');
    probe.style.setProperty('background-color', colour);
    return probe.style.getPropertyValue('background-color');
  }

  it('has a distinct colour for every claim type', () => {
    expect(Object.keys(TYPE_COLOURS).sort()).toEqual([...CLAIM_TYPES].sort());
    expect(new Set(Object.values(TYPE_COLOURS)).size).toBe(CLAIM_TYPES.length);
    for (const colour of Object.values(TYPE_COLOURS)) expect(normalized(colour)).not.toBe('');
  });

  it('styles through CSSOM with !important, never a style attribute or element', () => {
    const root = mount('<p>Revenue rose 12%.</p>');
    const setAttribute = vi.spyOn(Element.prototype, 'setAttribute');
    const [mark] = paintHighlight(select(root, 'rose'), 'a1', 'forecast');
    expect(setAttribute.mock.calls.map(([name]) => name)).not.toContain('style');
    expect(document.querySelectorAll('style, link')).toHaveLength(0);
    const style = mark!.style;
    expect(style.getPropertyValue('background-color')).toBe(normalized(TYPE_COLOURS.forecast));
    expect(style.getPropertyPriority('background-color')).toBe('important');
    expect(style.getPropertyValue('color')).toBe('inherit');
    expect(style.getPropertyPriority('color')).toBe('important');
  });

  it('setHighlightType changes type and colour of every mark of the id, and only those', () => {
    const root = mount(INLINE);
    paintHighlight(select(root, 'said very clearly'), 'a', 'claim');
    paintHighlight(select(root, 'that it'), 'b', 'claim');
    setHighlightType(root, 'a', 'date');
    for (const mark of highlightsOf(root, 'a')) {
      expect(mark.getAttribute('data-claim-type')).toBe('date');
      expect(mark.style.getPropertyValue('background-color')).toBe(normalized(TYPE_COLOURS.date));
    }
    expect(highlightsOf(root, 'a')).toHaveLength(3);
    for (const mark of highlightsOf(root, 'b')) {
      expect(mark.getAttribute('data-claim-type')).toBe('claim');
      expect(mark.style.getPropertyValue('background-color')).toBe(normalized(TYPE_COLOURS.claim));
    }
  });
});

describe('highlightsOf', () => {
  it('finds the marks of one id in document order, not page elements with the attribute', () => {
    const root = mount(`<p data-annotation-id="a">page's own</p>${INLINE}`);
    const late = paintHighlight(select(root, 'it was'), 'a', 'claim');
    const early = paintHighlight(select(root, 'He said'), 'a', 'claim');
    paintHighlight(select(root, 'very'), 'b', 'claim');
    expect(highlightsOf(root, 'a')).toEqual([...early, ...late]);
    expect(highlightsOf(root.querySelector('em')!, 'a')).toEqual([]);
  });
});

describe('removeHighlight', () => {
  it.each([
    ['one text node', '<p>Revenue rose 12% in 2023.</p>', 'rose 12%'],
    ['two paragraphs', '<p>First ends.</p>\n<p>Second starts.</p>', 'ends.\nSecond'],
    ['inline formatting', INLINE, 'said very clearly that it'],
    ['a list', LIST, 'rose.\n  Costs'],
    ['a table', TABLE, '$5bn\n\n\nQ2'],
    ['a blockquote', QUOTE, 'she said.\nAnalysts'],
  ])('restores markup and Text nodes exactly (%s)', (_, html, text) => {
    const root = mount(html);
    const before = snapshot(root);
    expect(paintHighlight(select(root, text), 'a1', 'claim').length).toBeGreaterThan(0);
    expect(root.innerHTML).not.toBe(before.html);
    removeHighlight(root, 'a1');
    expectRestored(root, before);
  });

  it("keeps the page's own adjacent text nodes apart (no normalize)", () => {
    const root = mount('<p></p>');
    const p = root.querySelector('p')!;
    p.append(document.createTextNode('Hello '), document.createTextNode('world'));
    const before = snapshot(root);
    expect(textOf(paintHighlight(select(root, 'lo wor'), 'a1', 'claim'))).toEqual(['lo ', 'wor']);
    removeHighlight(root, 'a1');
    expectRestored(root, before);
    expect(p.childNodes).toHaveLength(2);
  });

  it('removes only the marks of the given id', () => {
    const root = mount(INLINE);
    paintHighlight(select(root, 'He said'), 'a', 'claim');
    paintHighlight(select(root, 'clearly'), 'b', 'quote');
    removeHighlight(root, 'a');
    expect(highlightsOf(root, 'a')).toEqual([]);
    expect(markedText(root, 'b')).toBe('clearly');
  });
});

describe('overlapping highlights', () => {
  const SENTENCE = '<p>The quick brown fox jumps over the lazy dog.</p>';

  it.each([
    ['A first', ['a', 'b']],
    ['B first', ['b', 'a']],
  ])('nest, and removing one leaves the other exact (remove %s)', (_, order) => {
    const root = mount(SENTENCE);
    const before = snapshot(root);
    paintHighlight(select(root, 'quick brown fox'), 'a', 'claim');
    paintHighlight(select(root, 'brown fox jumps over'), 'b', 'quote');
    expect(markedText(root, 'a')).toBe('quick brown fox');
    expect(markedText(root, 'b')).toBe('brown fox jumps over');
    const [firstOfB] = highlightsOf(root, 'b');
    expect(firstOfB!.parentElement!.getAttribute(HIGHLIGHT_ATTRIBUTE)).toBe('a');

    const [first, second] = order as [string, string];
    removeHighlight(root, first);
    expect(highlightsOf(root, first)).toEqual([]);
    expect(markedText(root, second)).toBe(
      second === 'a' ? 'quick brown fox' : 'brown fox jumps over',
    );
    expect(root.textContent).toBe('The quick brown fox jumps over the lazy dog.');
    removeHighlight(root, second);
    expectRestored(root, before);
  });

  it.each([
    ['outer first', ['outer', 'inner']],
    ['inner first', ['inner', 'outer']],
  ])('nest across elements and restore (remove %s)', (_, order) => {
    const root = mount(INLINE + '<p>More text here.</p>');
    const before = snapshot(root);
    paintHighlight(select(root, 'said very clearly that it was.More'), 'outer', 'claim');
    paintHighlight(select(root, 'ery clearly th'), 'inner', 'figure');
    expect(markedText(root, 'outer')).toBe('said very clearly that it was.More');
    expect(markedText(root, 'inner')).toBe('ery clearly th');
    for (const mark of highlightsOf(root, 'inner')) {
      expect(mark.closest(`[${HIGHLIGHT_ATTRIBUTE}="outer"]`)).not.toBeNull();
    }
    removeHighlight(root, order[0]!);
    const remaining = order[1]!;
    expect(markedText(root, remaining)).toBe(
      remaining === 'outer' ? 'said very clearly that it was.More' : 'ery clearly th',
    );
    removeHighlight(root, remaining);
    expectRestored(root, before);
  });

  it('merges a split that another highlight kept apart once that one goes too', () => {
    // A's cut after "hello" ends up between two of B's marks; it must heal when B goes.
    const root = mount('<p>hello world</p>');
    const before = snapshot(root);
    paintHighlight(select(root, 'hello'), 'a', 'claim');
    paintHighlight(select(root, 'lo wor'), 'b', 'claim');
    removeHighlight(root, 'a');
    expect(markedText(root, 'b')).toBe('lo wor');
    removeHighlight(root, 'b');
    expectRestored(root, before);
  });

  it('handles the same text painted twice', () => {
    const root = mount(INLINE);
    const before = snapshot(root);
    paintHighlight(select(root, 'very clearly'), 'a', 'claim');
    paintHighlight(select(root, 'very clearly'), 'b', 'figure');
    expect(markedText(root, 'a')).toBe('very clearly');
    expect(markedText(root, 'b')).toBe('very clearly');
    removeHighlight(root, 'a');
    removeHighlight(root, 'b');
    expectRestored(root, before);
  });
});

describe('paintHighlights', () => {
  it('paints overlapping live ranges that were all made before painting', () => {
    const root = mount('<p>The quick brown fox jumps over the lazy dog.</p>');
    const before = snapshot(root);
    const ranges = ['quick brown fox', 'brown fox jumps', 'fox jumps over the lazy'].map((text) =>
      select(root, text),
    );
    const texts = ranges.map((range) => range.toString());
    const painted = paintHighlights(
      ranges.map((range, i) => ({ range, id: `r${i}`, type: 'claim' as const })),
    );
    painted.forEach((marks, i) => expect(textOf(marks).join('')).toBe(texts[i]));
    ranges.forEach((range, i) => expect(range.toString()).toBe(texts[i]));
    for (const id of ['r1', 'r0', 'r2']) removeHighlight(root, id);
    expectRestored(root, before);
  });
});

// ---------------------------------------------------------------------------------------------
// Random overlapping highlights, painted and removed in random orders.

const FUZZ_HTML =
  '<h2>Results <em>for</em> 2024</h2>\n' +
  '<p>Revenue rose <strong>12%</strong> to <a href="#">$5.1bn</a>, the <em>company <b>said</b></em>.</p>\n' +
  '<ul>\n<li>Costs fell 3%.</li>\n<li>Margins <em>widened</em> <i>sharply</i>.</li>\n</ul>\n' +
  '<blockquote><p>“We expect growth,” said the CEO.</p></blockquote>\n' +
  '<table><tbody><tr><td>Q1</td><td>5.1</td></tr>\n<tr><td>Q2</td><td>5.4</td></tr></tbody></table>';

/** Every non-space character of [start, end) is marked by `id`, and nothing else is. */
function expectCovers(root: HTMLElement, id: string, start: number, end: number): void {
  let offset = 0;
  for (const node of textNodes(root)) {
    const marked = node.parentElement?.closest(`[${HIGHLIGHT_ATTRIBUTE}="${id}"]`) != null;
    for (let i = 0; i < node.length; i++, offset++) {
      const inside = offset >= start && offset < end;
      if (marked) expect(inside, `${id} marks offset ${offset}`).toBe(true);
      else if (inside && /\S/.test(node.data[i]!)) {
        expect.fail(`${id} misses offset ${offset} (${node.data[i]})`);
      }
    }
  }
}

describe('random overlapping highlights', () => {
  it('keep exact coverage through any paint and removal order, then restore the DOM', () => {
    const random = createRng(20240611).next;
    const pick = (n: number) => Math.floor(random() * n);
    for (let round = 0; round < 150; round++) {
      document.body.replaceChildren();
      const root = mount(FUZZ_HTML);
      const text = root.textContent ?? '';
      const before = snapshot(root);
      const spans = Array.from({ length: 1 + pick(4) }, (_, i) => {
        const start = pick(text.length - 1);
        return { id: `h${i}`, start, end: start + 1 + pick(Math.min(60, text.length - start - 1)) };
      });
      if (round % 3 === 0) {
        // Together, from live ranges made up front.
        paintHighlights(
          spans.map((s) => ({ range: rangeAt(root, s.start, s.end), id: s.id, type: 'claim' })),
        );
      } else {
        for (const s of spans) paintHighlight(rangeAt(root, s.start, s.end), s.id, 'claim');
      }
      expect(root.textContent).toBe(text);
      for (const s of spans) expectCovers(root, s.id, s.start, s.end);
      const order = [...spans].sort(() => random() - 0.5);
      order.forEach((gone, i) => {
        removeHighlight(root, gone.id);
        for (const s of order.slice(i + 1)) expectCovers(root, s.id, s.start, s.end);
      });
      expectRestored(root, before);
    }
  }, 60_000); // 150 seeded rounds: ~1.5 s alone, several times that on a loaded machine
});

// ---------------------------------------------------------------------------------------------
// Painting from text-model offsets (the painter's way) against painting from Ranges.

const MODEL_HTML =
  FUZZ_HTML +
  '\n<p>Before <script>var x = "no";</script>after <span ' +
  UI_ATTRIBUTE +
  '><b>toolbar</b> text</span> and <em>a</em> <b>b</b>.</p>\n<select><option>Opt</option></select>' +
  '<p>The <svg><text>svg</text></svg> end.</p>';

describe('paintOffsets', () => {
  it('paints from a text model exactly what paintHighlights paints from Ranges over it', () => {
    const random = createRng(20261202).next;
    const pick = (n: number) => Math.floor(random() * n);
    for (let round = 0; round < 120; round++) {
      const spans = Array.from({ length: 1 + pick(5) }, (_, i) => ({
        id: `h${i}`,
        start: 0,
        end: 0,
      }));
      const results = (['ranges', 'offsets'] as const).map((how) => {
        document.body.replaceChildren();
        const root = mount(MODEL_HTML);
        const before = snapshot(root);
        const model = buildTextModel(root);
        if (how === 'ranges') {
          for (const s of spans) {
            s.start = pick(model.text.length - 1);
            s.end = s.start + 1 + pick(Math.min(70, model.text.length - s.start - 1));
          }
        }
        const splits: Splits = new Map();
        const requests = spans.map((s) => ({ ...s, type: 'claim' as const }));
        const painted =
          how === 'ranges'
            ? paintHighlights(
                requests.map((r) => ({ ...r, range: rangeFromOffsets(model, r.start, r.end)! })),
                splits,
              )
            : paintOffsets(model, requests, splits);
        const html = root.innerHTML;
        const marks = painted.map(textOf);
        const next = afterSplits(model, splits);
        expect(next.text).toBe(buildTextModel(root).text);
        expect(next.nodes).toEqual(buildTextModel(root).nodes);
        for (const id of [...spans.map((s) => s.id)].sort(() => random() - 0.5))
          removeHighlight(root, id);
        expectRestored(root, before);
        return { html, marks };
      });
      expect(results[1]).toEqual(results[0]);
    }
  }, 60_000);
});
