/**
 * Sync in real Chromium (`npm run bench:sync`): two profiles with the built extension and a
 * pouchdb-server on 127.0.0.1, driven through Options → Sync as a reader would.
 *
 * - A holds N claims (a library generated from real article text, tests/tools/search) and
 *   connects: Connect → every claim and page on the server ("up"), the worker's JS heap meanwhile
 *   (sampled every second) and after (after a garbage collection), from CDP (worker-cdp.ts).
 * - B connects with its popup open, and a reader types queries into it (real key presses,
 *   popup-typing.ts) until every claim is in B's database ("down"): the popup's longest frame and
 *   long tasks while the library arrives. The reader types at a fixed pace whatever the size and
 *   the machine's load: a key every 150 ms, each query's results read for a second, then the box
 *   cleared (before, the count of searches summed every round's marks since the popup opened:
 *   26,012 "keystrokes" at 100,000 claims were a few thousand).
 * - Then five saves on a page open in A (mouse selection, toolbar): A shows the claim → it is in
 *   B's database, and painted on B's open copy of the page; the CPU time of each worker meanwhile
 *   (CPU profile, not idle).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { Page } from 'playwright-core';
import {
  highlights,
  launchExtension,
  saveClaim,
  startFixtureServer,
  waitForContentScript,
  type ExtensionBrowser,
} from '../../e2e/harness';
import { startCouchServer } from '../../support/couch-server';
import { connectSync, openSyncOptions, syncStatus } from '../../support/sync-ui';
import { generateLibrary } from '../search/generate-library';
import { QUERIES, resultsFor, typeQueries } from '../search/popup-typing';
import { attachWorker, debugArgs, type WorkerCdp } from './worker-cdp';
import { freePort } from '../../support/free-port';
import { longStretches, selfTimes } from '../bench/self-time';
import {
  endTraceFiltered,
  lateFramesOf,
  longTasksOf,
  startTrace,
  TASK_CATEGORIES,
} from '../bench/trace';

export interface ChromiumRow {
  claims: number;
  pages: number;
  upS: number;
  downS: number;
  heapA: { peak: number; after: number };
  heapB: { peak: number; after: number };
  /** Per save, ms: A shows it → in B's database / painted on B's page. */
  toDexie: number[];
  toPage: number[];
  /** Per save, ms of CPU in A's and B's workers. */
  cpuA: number[];
  cpuB: number[];
  popup: {
    keystrokes: number;
    engine: number[];
    longTasks: number[];
    frames: number[];
    /** Frames over 100 ms that no long task of the popup's thread overlapped. */
    framesWithoutTask: number;
  };
}

const SAVES = [
  '$17 billion',
  'April 5, 2025',
  'Despite impressive figures in some areas',
  '$100 million in sales on Black Friday',
  'February 2025',
];
const ARTICLE = '/tiktok-shop-us-crackdown/';
/** The reader's pace in B's popup: a key every 150 ms (popup-typing.ts; a second between queries). */
const KEY_MS = 150;

function* cycle<T>(values: readonly T[]): Generator<T> {
  for (;;) yield* values;
}

/** Claims and pages in a profile's database (plain IndexedDB from an extension page). */
function counts(page: Page): Promise<{ claims: number; pages: number }> {
  return page.evaluate(
    () =>
      new Promise<{ claims: number; pages: number }>((done, fail) => {
        const open = indexedDB.open('claimmark');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['annotations', 'pages']);
          const claims = tx.objectStore('annotations').count();
          const pages = tx.objectStore('pages').count();
          tx.oncomplete = () => {
            open.result.close();
            done({ claims: claims.result, pages: pages.result });
          };
        };
      }),
  );
}

/** The library written straight into A's database, 5,000 records a transaction. */
async function fill(page: Page, claims: number): Promise<number> {
  const library = generateLibrary({ claims });
  const put = (store: string, records: unknown[]) =>
    page.evaluate(
      ({ store, records }) =>
        new Promise<void>((done, fail) => {
          const open = indexedDB.open('claimmark');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(store, 'readwrite');
            for (const record of records) tx.objectStore(store).put(record);
            tx.oncomplete = () => {
              open.result.close();
              done();
            };
            tx.onerror = () => fail(tx.error);
          };
        }),
      { store, records },
    );
  for (let i = 0; i < library.pages.length; i += 5000)
    await put('pages', library.pages.slice(i, i + 5000));
  for (let i = 0; i < library.annotations.length; i += 5000)
    await put('annotations', library.annotations.slice(i, i + 5000));
  return library.pages.length;
}

async function until(check: () => Promise<boolean>, limitMs: number, every = 250): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, every));
  }
}

/** Sample the worker's heap every second until `stop()`; resolves with the largest. */
function sampleHeap(worker: WorkerCdp): { stop(): Promise<number> } {
  let peak = 0;
  let on = true;
  const loop = (async () => {
    while (on) {
      peak = Math.max(peak, await worker.heap(false).catch(() => 0));
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return {
    async stop() {
      on = false;
      await loop;
      return peak;
    },
  };
}

/**
 * SYNC_BENCH_POPUP_PROFILE=1: where B's popup spent its main thread while the library arrived (self
 * time, and what ran under the longest stretches without idle).
 */
async function profilePage(page: Page): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return [
      'Popup while the library arrived, self time:',
      selfTimes(profile).top(25),
      'Longest stretches without idle, time under each function:',
      longStretches(profile, 50, 6, 14),
    ].join('\n');
  };
}

/**
 * SYNC_BENCH_POPUP_TRACE=1: the long tasks of B's extension pages' main thread while the library
 * arrived, from a Chromium trace: wall and CPU time of each, and the events under it by script
 * (whether a long task was the popup's, another page's, or a wait for a core of a busy machine).
 */
async function tracePage(page: Page): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page);
  // 2 GB of buffer: the whole sync of 100,000 claims, not only its first minute.
  await startTrace(cdp, TASK_CATEGORIES, 2_000_000);
  return async () => {
    // Thread names, the late frames the popup stamped, and the events of a millisecond or more (a
    // long task's parts; shorter ones count in their parent's self time): the whole trace of
    // minutes does not fit in a string.
    const events = await endTraceFiltered(
      cdp,
      (e) => e.ph === 'M' || e.name === 'TimeStamp' || (e.ph === 'X' && (e.dur ?? 0) >= 1000),
    );
    await cdp.detach();
    return [
      'Long tasks while the library arrived (trace):',
      longTasksOf(events, 100),
      lateFramesOf(events),
    ].join('\n');
  };
}

/**
 * With SYNC_BENCH_PROFILE=1: a CPU profile of the worker and its IndexedDB requests while a first
 * sync runs, and the server's CPU time, printed to stderr (where the time goes, per claim). With
 * SYNC_BENCH_HEAP=1 instead (the two are not run together: the heap profiler would weigh on the
 * CPU profile): what the worker allocated meanwhile, by function.
 */
async function watch(couch: { cpuMs(): number }, worker: WorkerCdp) {
  if (process.env.SYNC_BENCH_HEAP) {
    const stop = await worker.allocations();
    return async (label: string) => {
      console.error(`--- ${label}: what the worker allocated\n${await stop(30)}`);
    };
  }
  if (!process.env.SYNC_BENCH_PROFILE) return async () => {};
  const server = couch.cpuMs();
  const machine = machineCpu();
  const stop = await worker.profile(1000);
  const requests = await worker.countRequests();
  const started = performance.now();
  return async (label: string, claims: number) => {
    const wall = performance.now() - started;
    const counts = await requests();
    const profile = await stop();
    const total = Object.entries(counts)
      .filter(([k]) => !k.endsWith('.transaction'))
      .reduce((sum, [, v]) => sum + v, 0);
    const lines = Object.entries(counts)
      .sort((x, y) => y[1] - x[1])
      .map(
        ([k, v]) => `${String(v).padStart(8)}  ${(v / claims).toFixed(2).padStart(6)}/claim  ${k}`,
      );
    console.error(
      [
        `--- ${label}: ${(wall / 1000).toFixed(1)} s wall, worker busy ${(profile.busyMs / 1000).toFixed(1)} s, server CPU ${((couch.cpuMs() - server) / 1000).toFixed(1)} s, machine busy ${machineCpu(machine)}, load ${loadAverage()}`,
        `IndexedDB requests: ${total} (${(total / claims).toFixed(1)} per claim)`,
        ...lines,
        'worker self time:',
        profile.top(30),
      ].join('\n'),
    );
  };
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** The machine's CPU (all cores, /proc/stat): busy and total jiffies, or the busy share since. */
function machineCpu(): { busy: number; total: number };
function machineCpu(since: { busy: number; total: number }): string;
function machineCpu(since?: { busy: number; total: number }) {
  const fields = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const busy = total - fields[3]! - fields[4]!;
  if (!since) return { busy, total };
  return `${Math.round((100 * (busy - since.busy)) / (total - since.total))} %`;
}

interface Profile {
  browser: ExtensionBrowser;
  worker: WorkerCdp;
  /** The DevTools port its Chromium listens on (which finds its processes). */
  port: number;
}

async function launch(): Promise<Profile> {
  const port = await freePort();
  const browser = await launchExtension({ args: debugArgs(port) });
  return { browser, worker: await attachWorker(port, browser.extensionId), port };
}

/**
 * SYNC_BENCH_NICE=1: every thread of these processes and of their descendants at the lowest CPU
 * priority (nice 19), so that they run only on what B's Chromium leaves of the machine's cores —
 * as if the server and the other device were machines of their own, as they are for a team. Linux
 * sets the priority per thread, so each thread of each process is set.
 */
function niceTrees(roots: number[]): number {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p))
      if (roots.includes(p)) return true;
    return false;
  };
  let threads = 0;
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        setPriority(Number(tid), 19);
        threads++;
      }
    } catch {
      // gone meanwhile
    }
  }
  return threads;
}

/** The browser process of the Chromium listening on DevTools `port`. */
function browserPid(port: number): number | undefined {
  for (const name of readdirSync('/proc')) {
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (
        cmd.includes(`--remote-debugging-port=${port}`) &&
        !cmd.some((a) => a.startsWith('--type='))
      )
        return Number(name);
    } catch {
      // not ours, or gone
    }
  }
  return undefined;
}

export async function benchChromium(n: number): Promise<ChromiumRow> {
  const couch = await startCouchServer();
  const fixtures = await startFixtureServer();
  const profiles: Profile[] = [];
  const limit = 30 * 60_000;
  try {
    await couch.createUser('alice', 'alice-pw');
    await couch.createUser('bob', 'bob-pw');
    await couch.createDatabase('team', ['alice', 'bob']);
    const a = await launch();
    const b = await launch();
    profiles.push(a, b);
    const optionsA = await openSyncOptions(a.browser);
    const pages = await fill(optionsA, n);

    // Up: A connects.
    const watchUp = await watch(couch, a.worker);
    let heap = sampleHeap(a.worker);
    let started = performance.now();
    const statusA = await connectSync(a.browser, {
      server: couch.url,
      database: 'team',
      user: 'alice',
      password: 'alice-pw',
    });
    await until(async () => {
      const info = (await couch.request('GET', '/team')).json as { doc_count?: number };
      return (info.doc_count ?? 0) >= n + pages;
    }, limit);
    const upS = (performance.now() - started) / 1000;
    // Printed at once: a run of a big library that fails later still leaves its figures.
    console.error(`${n} claims: up ${upS.toFixed(1)} s (load ${loadAverage()})`);
    await watchUp('up, A', n);
    const heapA = { peak: await heap.stop(), after: await a.worker.heap() };

    if (process.env.SYNC_BENCH_NICE) {
      const roots = [couch.pid(), browserPid(a.port)].filter((p): p is number => p !== undefined);
      console.error(`nice 19: ${niceTrees(roots)} threads of the server and A`);
    }

    // Down: B connects, its popup open and a reader typing.
    const optionsB = await openSyncOptions(b.browser);
    const popup = await b.browser.context.newPage();
    await popup.goto(b.browser.popupUrl);
    await resultsFor(popup, '');
    const stopProfile = process.env.SYNC_BENCH_POPUP_PROFILE ? await profilePage(popup) : undefined;
    const stopTrace = process.env.SYNC_BENCH_POPUP_TRACE ? await tracePage(popup) : undefined;
    const watchDown = await watch(couch, b.worker);
    heap = sampleHeap(b.worker);
    started = performance.now();
    const statusB = await connectSync(b.browser, {
      server: couch.url,
      database: 'team',
      user: 'bob',
      password: 'bob-pw',
    });
    // connectSync opened another options page: the popup is a background tab again, which gets
    // throttled animation frames (~1 s apart). A reader types into the page in front.
    await popup.bringToFront();
    // A reader's pace, the same whatever the size: a key every KEY_MS, each query's results read
    // for a second (PAUSE_MS) before the next, the queries over and over until all has arrived.
    let arrived = false;
    const typing = typeQueries(popup, KEY_MS, cycle(QUERIES), () => arrived);
    // Counted once a second: the count runs on the main thread the popup shares (B's options
    // page) and makes the browser walk 100,000 keys each time; four times a second, the bench
    // itself took a share of the two cores the popup's frames need (the down time it reports is
    // late by at most a second). `SYNC_BENCH_COUNT_MS` counts less often (README "Sync").
    await until(
      async () => {
        const c = await counts(optionsB);
        return c.claims >= n && c.pages >= pages;
      },
      limit,
      Number(process.env.SYNC_BENCH_COUNT_MS ?? 1000),
    );
    const downS = (performance.now() - started) / 1000;
    console.error(`${n} claims: down ${downS.toFixed(1)} s (load ${loadAverage()})`);
    await watchDown('down, B', n);
    arrived = true;
    const typed = await typing;
    if (stopProfile) console.error(await stopProfile());
    if (stopTrace) console.error(await stopTrace());
    const heapB = { peak: await heap.stop(), after: await b.worker.heap() };
    await popup.close();

    // One save at a time: A → B's database and B's page, and the workers' CPU for it.
    const pageB = await b.browser.context.newPage();
    await pageB.goto(fixtures.origin + ARTICLE);
    await waitForContentScript(pageB);
    const pageA = await a.browser.context.newPage();
    await pageA.goto(fixtures.origin + ARTICLE);
    await waitForContentScript(pageA);
    const row: ChromiumRow = {
      claims: n,
      pages,
      upS,
      downS,
      heapA,
      heapB,
      toDexie: [],
      toPage: [],
      cpuA: [],
      cpuB: [],
      popup: {
        keystrokes: typed.keystrokes,
        engine: typed.engine,
        longTasks: typed.longTasks,
        frames: typed.frames,
        framesWithoutTask: typed.framesWithoutTask,
      },
    };
    // Both sides at rest: every change taken in (the sender gets its own claims back too).
    for (const page of [statusA, statusB])
      await until(
        async () => /Up to date/.test((await syncStatus(page).textContent()) ?? ''),
        limit,
      );
    for (const [i, text] of SAVES.entries()) {
      await new Promise((r) => setTimeout(r, 1000));
      const stopA = await a.worker.profile();
      const stopB = await b.worker.profile();
      await saveClaim(pageA, text, 'Figure', { within: 'article', timeout: 60_000 });
      const saved = performance.now();
      await until(async () => (await counts(optionsB)).claims >= n + i + 1, 60_000, 10);
      row.toDexie.push(performance.now() - saved);
      await until(async () => (await highlights(pageB)).length >= i + 1, 60_000, 10);
      row.toPage.push(performance.now() - saved);
      const [profileA, profileB] = [await stopA(), await stopB()];
      row.cpuA.push(profileA.busyMs);
      row.cpuB.push(profileB.busyMs);
      // SYNC_BENCH_SAVE_PROFILE=1: where each save's time went in the receiving worker.
      if (process.env.SYNC_BENCH_SAVE_PROFILE) {
        console.error(
          `--- save ${i + 1}: in B's database after ${Math.round(row.toDexie[i]!)} ms, ` +
            `B's worker busy ${Math.round(profileB.busyMs)} ms, load ${loadAverage()}\n` +
            profileB.top(15),
        );
      }
    }
    return row;
  } finally {
    for (const p of profiles) {
      await p.worker.close().catch(() => {});
      await p.browser.close().catch(() => {});
    }
    await fixtures.close();
    await couch.close();
  }
}
