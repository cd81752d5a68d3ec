// @vitest-environment node
/**
 * No save left behind by a stopped worker: a save the background never answers is sent again,
 * with a capped backoff, for as long as the page is open; after 10 s the reader is told it is still
 * trying; it is never dropped and never stored twice. A save the background refuses (storage
 * full) is not retried on its own: it waits, flagged unsaved, for the reader.
 */
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import { createHandlers, dispatch } from '../../utils/store/handlers';
import { createClient, type Message } from '../../utils/protocol/to-background';
import { createPageSession } from '../../utils/page/session';
import type { SaveRetry } from '../../utils/page/session/saves';

const HTML = `<!doctype html><html><head><title>T</title></head><body><article>
<p>The company reported $17 billion in sales last year.</p></article></body></html>`;

let db: ClaimmarkDB | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

/**
 * A session over real handlers whose transport loses the first `lost` saves (the worker stopped
 * before answering), and a virtual clock: pauses and the 10 s timer advance it, never real time.
 */
async function setup(lost: number, refuse = false) {
  db = openDatabase(`retry-${crypto.randomUUID()}`);
  const handlers = createHandlers(db);
  const dom = new JSDOM(HTML, { url: 'https://news.example/a' });
  let saves = 0;
  const transport = async (message: Message) => {
    if (message.type === 'annotation:save') {
      saves++;
      if (saves <= lost) throw new Error('The message port closed before a response was received.');
      if (refuse) return { ok: false, error: 'Storage is full.' };
    }
    return dispatch(handlers, JSON.parse(JSON.stringify(message)));
  };
  let now = 0;
  const timers: { at: number; then: () => void }[] = [];
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.splice(0)) {
      if (timer.at <= now) timer.then();
      else timers.push(timer);
    }
  };
  const pauses: number[] = [];
  const stillTrying: string[] = [];
  const retry: SaveRetry = {
    pause: async (ms) => {
      pauses.push(ms);
      await new Promise((done) => setTimeout(done, 0)); // yield to the test, as a real pause does
      advance(ms);
    },
    after: (ms, then) => {
      const timer = { at: now + ms, then };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer) >>> 0, 1);
    },
    onStillTrying: (id) => stillTrying.push(id),
  };
  // The client's own retries (100 ms … 10 s) pass on the same virtual clock.
  const request = createClient(transport, { delays: [100, 200], sleep: async (ms) => advance(ms) });
  const session = createPageSession({
    doc: dom.window.document,
    request,
    extractMetadata: () => ({
      title: 'T',
      byline: '',
      siteName: '',
      publishedTime: '',
      lang: 'en',
      excerpt: '',
    }),
    newId: () => crypto.randomUUID(),
    saveRetry: retry,
  });
  await session.load();
  const doc = dom.window.document;
  const text = doc.querySelector('p')!.firstChild as Text;
  const range = doc.createRange();
  range.setStart(text, text.data.indexOf('$17 billion'));
  range.setEnd(text, text.data.indexOf('$17 billion') + '$17 billion'.length);
  return { session, doc, range, pauses, stillTrying, saves: () => saves };
}

describe('page session: saves the background never answered', () => {
  it('sends again until stored, with a capped backoff, and says it is still trying after 10 s', async () => {
    // 3 sends per client call (1 + 2 retries): 60 lost sends are 20 unanswered calls.
    const { session, doc, pauses, stillTrying, range, saves } = await setup(60);
    const result = await session.save(range, { type: 'figure', tags: [], note: '' });
    expect(result).toMatchObject({ ok: true });
    expect(saves()).toBe(61);
    expect(pauses).toHaveLength(20);
    expect(Math.max(...pauses)).toBe(5_000);
    expect(pauses.slice(0, 4)).toEqual([500, 1_000, 2_000, 4_000]);
    expect(result.ok && stillTrying).toEqual([result.ok && result.value.id]);
    // Stored once; its marks are plain saved marks again.
    expect(await db!.annotations.count()).toBe(1);
    const mark = doc.querySelector('mark[data-annotation-id]')!;
    expect(mark.hasAttribute('data-saving')).toBe(false);
    expect(mark.hasAttribute('data-unsaved')).toBe(false);
    expect(session.claims()).toHaveLength(1);
  });

  it('flags the marks while it is still trying, and the claim as still trying', async () => {
    const { session, doc, range, stillTrying } = await setup(1_000_000);
    void session.save(range, { type: 'figure', tags: [], note: '' });
    await expect.poll(() => stillTrying.length).toBe(1);
    const mark = doc.querySelector('mark[data-annotation-id]')!;
    expect(mark.getAttribute('data-saving')).toBe('retrying');
    expect(mark.getAttribute('title')).toMatch(/still trying/);
    expect(session.unsaved(stillTrying[0]!)).toMatchObject({ saving: true, stillTrying: true });
    expect(session.discard(stillTrying[0]!)).toBe(false); // never dropped while it is being sent
  });

  it('does not resend a save the background refused: it waits for the reader, flagged unsaved', async () => {
    const { session, doc, range, saves } = await setup(0, true);
    const result = await session.save(range, { type: 'figure', tags: [], note: '' });
    expect(result).toMatchObject({ ok: false, error: 'Storage is full.' });
    expect(saves()).toBe(1);
    expect(doc.querySelector('mark[data-unsaved]')).not.toBeNull();
  });
});
