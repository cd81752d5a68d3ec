// @vitest-environment node
/**
 * Painting many claims in slices (utils/core/slices.ts, utils/page/session/): the scheduler with a
 * fake clock, then a page session over a real database whose yields the test releases one by one.
 */
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describe as describeRange } from '../../utils/page/anchoring/describe';
import { buildTextModel, rangeFromOffsets } from '../../utils/page/anchoring/text-model';
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import { createHandlers, dispatch } from '../../utils/store/handlers';
import { createClient, type Message } from '../../utils/protocol/to-background';
import type { AnchorReport } from '../../utils/protocol/to-background';
import { paintHighlights, type Splits } from '../../utils/page/highlight/paint';
import { afterSplits, isCurrentModel } from '../../utils/page/highlight/splits';
import { createPageSession } from '../../utils/page/session';
import { clockOf, inSlices, type SliceClock, type SliceSteps } from '../../utils/core/slices';

/** A clock that advances `step` ms at every reading; yields wait until the test releases them. */
function fakeClock(step = 1) {
  let time = 0;
  const waiting: (() => void)[] = [];
  const clock: SliceClock = {
    now: () => (time += step),
    yield: () => new Promise<void>((resolve) => waiting.push(resolve)),
  };
  return {
    clock,
    /** Yields asked for and not released yet. */
    waiting: () => waiting.length,
    /** Release one yield and let the work run on until it yields again or ends. */
    async release() {
      waiting.shift()?.();
      for (let i = 0; i < 20; i++) await Promise.resolve();
    },
  };
}

describe('inSlices', () => {
  function record(cancelled = () => false) {
    const slices: number[][] = [];
    const steps: SliceSteps<number, number[]> = {
      open: () => [],
      take: (slice, item) => void slice.push(item),
      close: (slice) => void slices.push(slice),
      cancelled,
    };
    return { slices, steps };
  }

  it('does small work in the caller’s task: no yield, all in one slice', async () => {
    const { clock, waiting } = fakeClock();
    const { slices, steps } = record();
    const done = inSlices([1, 2, 3], steps, clock, { budgetMs: 1, firstItems: 5 });
    expect(slices).toEqual([[1, 2, 3]]); // before any await
    expect(waiting()).toBe(0);
    expect(await done).toBe(true);
  });

  it('reads no clock for work done in one slice, and the window only when a clock is read', async () => {
    const read: string[] = [];
    const view = {
      get performance() {
        read.push('performance');
        return { now: () => 0 };
      },
      get scheduler() {
        read.push('scheduler');
        return undefined;
      },
      setTimeout: (handler: () => void) => void handler(),
    };
    const clock = clockOf(view);
    expect(read).toEqual([]);
    const { slices, steps } = record();
    expect(await inSlices([1, 2, 3], steps, clock, { budgetMs: 1, firstItems: 5 })).toBe(true);
    expect(slices).toEqual([[1, 2, 3]]);
    expect(read).toEqual([]);
    expect(await inSlices([1, 2, 3], steps, clock, { budgetMs: 100, firstItems: 1 })).toBe(true);
    expect(read).toEqual(['performance', 'scheduler']);
  });

  it('takes firstItems first, then as many as fit the budget, yielding between slices', async () => {
    const fake = fakeClock(1);
    const { slices, steps } = record();
    const items = Array.from({ length: 30 }, (_, i) => i);
    const done = inSlices(items, steps, fake.clock, { budgetMs: 5, firstItems: 4 });
    expect(slices).toEqual([[0, 1, 2, 3]]);
    while (fake.waiting() > 0) await fake.release();
    expect(await done).toBe(true);
    expect(slices.flat()).toEqual(items);
    expect(slices.length).toBeGreaterThan(3);
    // Every later slice stays within the budget of 5 clock readings (1 ms each).
    for (const slice of slices.slice(1)) expect(slice.length).toBeLessThanOrEqual(5);
  });

  it('counts what closing a slice costs: slow closes make smaller slices', async () => {
    let time = 0;
    const clock: SliceClock = { now: () => time, yield: () => Promise.resolve() };
    const slices: number[] = [];
    const items = Array.from({ length: 40 }, (_, i) => i);
    await inSlices(
      items,
      {
        open: () => ({ n: 0 }),
        take: (slice) => {
          slice.n++;
          time += 0.1;
        },
        close: (slice) => {
          slices.push(slice.n);
          time += slice.n; // 1 ms per item: ten times what taking it costs
        },
        cancelled: () => false,
      },
      clock,
      { budgetMs: 10, firstItems: 4 },
    );
    expect(slices[0]).toBe(4);
    for (const n of slices.slice(1)) expect(n).toBeLessThanOrEqual(10);
    expect(slices.reduce((a, b) => a + b)).toBe(40);
  });

  it('stops when cancelled after a yield, leaving the rest', async () => {
    const fake = fakeClock(1);
    let stop = false;
    const { slices, steps } = record(() => stop);
    const done = inSlices(
      Array.from({ length: 20 }, (_, i) => i),
      steps,
      fake.clock,
      { budgetMs: 3, firstItems: 2 },
    );
    await fake.release();
    stop = true;
    await fake.release();
    expect(await done).toBe(false);
    expect(slices.length).toBe(2);
  });
});

describe('a text model across painting', () => {
  it('after a paint, equals the model built afresh; a re-render makes it stale', () => {
    const dom = new JSDOM('<body><p>One <b>two</b> three four five six</p><p>seven</p></body>');
    const doc = dom.window.document;
    const model = buildTextModel(doc.body);
    const at = (word: string) => model.text.indexOf(word);
    const ranges = [
      rangeFromOffsets(model, at('two'), at('four') + 4)!,
      rangeFromOffsets(model, at('three'), at('five') + 4)!, // overlaps the first
      rangeFromOffsets(model, at('seven') + 1, at('seven') + 3)!,
    ];
    const splits: Splits = new Map();
    paintHighlights(
      ranges.map((range, i) => ({ range, id: `id-${i}`, type: 'claim' as const })),
      splits,
    );
    expect(splits.size).toBeGreaterThan(0);
    const followed = afterSplits(model, splits);
    const fresh = buildTextModel(doc.body);
    expect(followed.text).toBe(fresh.text);
    expect(followed.starts).toEqual(fresh.starts);
    expect(followed.nodes.every((node, i) => node === fresh.nodes[i])).toBe(true);
    expect(isCurrentModel(followed)).toBe(true);
    expect(isCurrentModel(model)).toBe(false); // its nodes were split
    doc.querySelector('p')!.replaceChildren(doc.createTextNode('One two three four five six'));
    expect(isCurrentModel(followed)).toBe(false);
    dom.window.close();
  });
});

describe('page session painting in slices', () => {
  const URL_PAGE = 'http://127.0.0.1:8000/many/';
  const COUNT = 60;
  /** Sentence i holds the figure of claim i; claims 0 and COUNT+1 overlap on "cash and debt". */
  const figure = (i: number) => `$${i}.5 billion`;
  const HTML =
    '<!doctype html><html><head><title>Many</title></head><body><article>' +
    '<p>Overlap: the firm had cash and debt of note.</p>' +
    Array.from({ length: COUNT }, (_, i) => `<p>Line ${i} says ${figure(i)} was raised.</p>`).join(
      '',
    ) +
    '</article></body></html>';
  // Ids sort the claims: the two overlapping ones come first and last, so in different slices.
  const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

  let db: ClaimmarkDB;
  let sent: Message[];
  let doms: JSDOM[];

  beforeEach(async () => {
    db = openDatabase(`chunks-${crypto.randomUUID()}`);
    sent = [];
    doms = [];
    // The claims, described on the page as the content script would, stored by the handlers.
    const dom = new JSDOM(HTML, { url: URL_PAGE });
    const doc = dom.window.document;
    const handlers = createHandlers(db);
    const quotes = ['cash and', ...Array.from({ length: COUNT }, (_, i) => figure(i)), 'and debt'];
    for (const [i, quote] of quotes.entries()) {
      const model = buildTextModel(doc.body);
      const node = model.nodes.find((n) => n.data.includes(quote))!;
      const range = doc.createRange();
      range.setStart(node, node.data.indexOf(quote));
      range.setEnd(node, node.data.indexOf(quote) + quote.length);
      const selectors = describeRange(doc.body, range, model)!;
      const answer = await dispatch(handlers, {
        type: 'annotation:save',
        payload: {
          annotation: {
            id: idOf(i),
            url: URL_PAGE,
            quote,
            selectors,
            type: 'figure',
            tags: [],
            note: '',
          },
        },
      });
      expect(answer.ok).toBe(true);
    }
    dom.window.close();
  });

  afterEach(async () => {
    doms.forEach((dom) => dom.window.close());
    await db.delete();
  });

  function open(firstItems: number) {
    const dom = new JSDOM(HTML, { url: URL_PAGE });
    doms.push(dom);
    const handlers = createHandlers(db);
    const request = createClient(async (message) => {
      sent.push(message);
      return dispatch(handlers, JSON.parse(JSON.stringify(message)));
    });
    const fake = fakeClock(1);
    const session = createPageSession({
      doc: dom.window.document,
      request,
      extractMetadata: () => {
        throw new Error('not on load');
      },
      newId: () => crypto.randomUUID(),
      clock: fake.clock,
      slices: { budgetMs: 6, firstItems },
    });
    return { doc: dom.window.document, session, fake };
  }

  const paintedIds = (doc: Document) =>
    new Set(
      [...doc.querySelectorAll('mark[data-annotation-id]')].map((m) =>
        m.getAttribute('data-annotation-id'),
      ),
    );
  const textOf = (doc: Document, id: string) =>
    [...doc.querySelectorAll(`mark[data-annotation-id="${id}"]`)]
      .map((m) => m.textContent)
      .join('');
  const anchoredReports = () =>
    sent
      .filter((m) => m.type === 'annotations:anchored')
      .map((m) => (m.payload as { results: AnchorReport[] }).results);

  async function drain(fake: ReturnType<typeof fakeClock>) {
    let yields = 0;
    while (fake.waiting() > 0) {
      await fake.release();
      yields++;
    }
    return yields;
  }

  it('paints a page with few claims at once, in the task that loaded them', async () => {
    const { doc, session, fake } = open(100);
    await session.load();
    expect(fake.waiting()).toBe(0);
    expect(paintedIds(doc).size).toBe(COUNT + 2);
    // Showing them again is synchronous too: painted before setVisible returns.
    session.setVisible(false);
    expect(paintedIds(doc).size).toBe(0);
    session.setVisible(true);
    expect(paintedIds(doc).size).toBe(COUNT + 2);
  });

  it('paints many claims in slices, overlaps included, and reports them in one message', async () => {
    const { doc, session, fake } = open(10);
    const loading = session.load();
    await waitUntil(() => fake.waiting() === 1);
    expect(paintedIds(doc).size).toBe(10); // the first slice, before the first yield
    expect(session.claims().filter((c) => c.status === 'pending')).toHaveLength(COUNT + 2 - 10);
    expect(anchoredReports()).toEqual([]);
    const yields = await drain(fake);
    await loading;
    expect(yields).toBeGreaterThan(2);
    expect(paintedIds(doc).size).toBe(COUNT + 2);
    for (let i = 0; i < COUNT; i++) expect(textOf(doc, idOf(i + 1))).toBe(figure(i));
    expect(textOf(doc, idOf(0))).toBe('cash and');
    expect(textOf(doc, idOf(COUNT + 1))).toBe('and debt');
    expect(doc.querySelector('article p')!.textContent).toBe(
      'Overlap: the firm had cash and debt of note.',
    );
    expect(session.claims().every((c) => c.status === 'exact')).toBe(true);
    const reports = anchoredReports();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toHaveLength(COUNT + 2);
  });

  it('stops painting when highlights are hidden mid-way, and paints all when shown again', async () => {
    const { doc, session, fake } = open(10);
    const loading = session.load();
    await waitUntil(() => fake.waiting() === 1);
    await fake.release();
    session.setVisible(false);
    expect(paintedIds(doc).size).toBe(0);
    await drain(fake);
    await loading;
    expect(paintedIds(doc).size).toBe(0);
    session.setVisible(true);
    await drain(fake);
    expect(paintedIds(doc).size).toBe(COUNT + 2);
    expect(doc.querySelectorAll('mark').length).toBeGreaterThanOrEqual(COUNT + 2);
  });

  it('reads the page afresh when it re-rendered text between two slices', async () => {
    const { doc, session, fake } = open(10);
    const loading = session.load();
    await waitUntil(() => fake.waiting() === 1);
    // The page re-renders the paragraphs not painted yet (same words, new Text nodes).
    for (const p of [...doc.querySelectorAll('article p')].slice(20)) {
      p.replaceChildren(doc.createTextNode(p.textContent!));
    }
    await drain(fake);
    await loading;
    expect(paintedIds(doc).size).toBe(COUNT + 2);
    for (let i = 0; i < COUNT; i++) expect(textOf(doc, idOf(i + 1))).toBe(figure(i));
  });

  it('does not paint a claim deleted while the page was being painted', async () => {
    const { doc, session, fake } = open(10);
    const loading = session.load();
    await waitUntil(() => fake.waiting() === 1);
    const last = idOf(COUNT);
    expect(session.get(last)?.status).toBe('pending');
    expect(await session.remove(last)).toMatchObject({ ok: true });
    await drain(fake);
    await loading;
    expect(paintedIds(doc).has(last)).toBe(false);
    expect(paintedIds(doc).size).toBe(COUNT + 1);
  });
});

/** Wait (a few microtask and timer turns) until `ready()`: the database answers asynchronously. */
async function waitUntil(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((done) => setTimeout(done, 5));
  expect(ready()).toBe(true);
}
