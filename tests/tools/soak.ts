/**
 * `npm run soak`: the fault and load suites, longer, with the figures they held.
 *
 * First SOAK_FUZZ (3,000) mutated backups go through the import path (tests/tools/fuzz/imports.ts)
 * in Node on fake-indexeddb. Then rounds, for SOAK_MINUTES (5) in all or exactly SOAK_ROUNDS:
 * each launches Chromium with the built extension (CLAIMMARK_OUT_DIR, as for `wxt build`) on a
 * fresh profile, opens SOAK_TABS (5) tabs and sends SOAK_PER_TAB (400) saves per tab all at once,
 * the way the side panel does (tests/e2e/load-driver.ts). While the background is busy with them
 * the service worker is stopped at random moments (SOAK_STOP_GAP ms apart, default 200-1500),
 * up to SOAK_STOPS (10) times, as Chrome stops a worker; a stop counts once DevTools reports it
 * stopped. Then the database is read back: every save sent must be stored exactly once.
 * Prints a Markdown table; exits 1 if a save that answered ok is not stored, a claim is stored
 * twice, or the fuzzer found a failure. SOAK_SEED (printed) replays the stops and the fuzz.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { createRng, type Rng } from '../support/random';
import { fuzzImports } from './fuzz/imports';
import {
  launchExtension,
  startFixtureServer,
  type ExtensionBrowser,
  type FixtureServer,
} from '../e2e/harness';
import {
  expectedPairs,
  openLoadTabs,
  openPanel,
  saveJobs,
  startSaves,
  storedRecords,
  unsavedIds,
  workerStopper,
  type LoadTab,
  type SaveRun,
  type WorkerStopper,
} from '../e2e/load-driver';
import { openDatabase } from '../../utils/store/db';

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 && process.env[name] !== '' ? value : fallback;
};
/** A fixed number of rounds; unset, rounds run until SOAK_MINUTES (default 5) are spent. */
const ROUNDS = process.env.SOAK_ROUNDS ? setting('SOAK_ROUNDS', 1) : undefined;
const MINUTES = setting('SOAK_MINUTES', 5);
const TABS = setting('SOAK_TABS', 5);
const PER_TAB = setting('SOAK_PER_TAB', 400);
const STOPS = setting('SOAK_STOPS', 10);
const FUZZ = setting('SOAK_FUZZ', 3_000);
/** The time between two stops is drawn from this range (ms): SOAK_STOP_GAP=min-max. */
const GAP_MS = (process.env.SOAK_STOP_GAP ?? '200-1500').split('-').map(Number) as [number, number];
const SEED = setting('SOAK_SEED', Math.floor(Math.random() * 2 ** 31));

interface Round {
  attempted: number;
  answeredOk: number;
  stored: number;
  duplicated: number;
  lost: number;
  /** Saves that answered ok whose claim is not stored: the worst case. */
  lostOk: number;
  shownUnsaved: number;
  /** Saves that answered not ok but are stored all the same (a retry keeps their id). */
  storedNotOk: number;
  paintedUnsaved: number;
  stops: number;
  restarts: number;
  ms: number;
  /** When the first and the last save answered, ms after sending began. */
  busy: [number, number];
  /** When each stop came, ms after sending began. */
  stopsAt: number[];
  errors: Map<string, number>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Once the background is busy (the first save answered: before that the content scripts are
 * still finding and painting the words), stop the worker at random moments until every save
 * answered or `count` stops were made. When each real stop came, ms after `started`.
 */
async function stopWhile(
  stopper: WorkerStopper,
  run: SaveRun,
  count: number,
  rng: Rng,
  started: number,
): Promise<number[]> {
  let settled = false;
  void run.done.finally(() => (settled = true));
  while (!settled && (await run.answered()) === 0) await sleep(50);
  const stops: number[] = [];
  while (!settled && stops.length < count) {
    await Promise.race([sleep(rng.int(GAP_MS[0], GAP_MS[1])), run.done]);
    if (settled) break;
    const at = performance.now() - started;
    if (await stopper.stop()) stops.push(at);
  }
  return stops;
}

/**
 * The stop is real: the worker's target goes, and the next message starts a fresh worker. Some
 * message of the pages may wake it at once; then it is stopped again (three tries).
 */
async function checkStopper(stopper: WorkerStopper, wake: () => Promise<unknown>): Promise<void> {
  let gone = false;
  for (let attempt = 0; attempt < 3 && !gone; attempt++) {
    const restarts = stopper.restarts();
    if (!(await stopper.stop())) throw new Error('the service worker did not stop');
    for (let i = 0; i < 20 && !gone && stopper.restarts() === restarts; i++) {
      gone = (await stopper.targets()) === 0;
      if (!gone) await sleep(100);
    }
  }
  if (!gone) throw new Error('the stopped worker kept its target');
  const before = stopper.restarts();
  await wake();
  for (let i = 0; i < 20 && stopper.restarts() === before; i++) await sleep(100);
  if (stopper.restarts() === before || (await stopper.targets()) !== 1) {
    throw new Error('a message after the stop did not start a new worker');
  }
}

/** Send every save of the round at once and stop the worker while the background is busy. */
async function sendUnderStops(browser: ExtensionBrowser, tabs: LoadTab[], rng: Rng) {
  const panel = await openPanel(browser, tabs[0]!.id);
  const stopper = await workerStopper(browser, panel);
  await checkStopper(stopper, () =>
    panel.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): unknown } } }
      ).chrome.runtime.sendMessage({ type: 'tags:list', payload: {} }),
    ),
  );
  const restarts = stopper.restarts();
  const started = performance.now();
  const run = await startSaves(panel, saveJobs(tabs));
  const stopsAt = await stopWhile(stopper, run, STOPS, rng, started);
  const sent = await run.done;
  const result = { ...sent, stopsAt, restarts: stopper.restarts() - restarts };
  await stopper.close();
  return result;
}

async function round(server: FixtureServer, index: number, rng: Rng): Promise<Round> {
  const browser = await launchExtension();
  try {
    const tabs = await openLoadTabs(browser, server, {
      tabs: TABS,
      perTab: PER_TAB,
      prefix: `/soak-${index}-`,
    });
    const { answers, at, ms, stopsAt, restarts } = await sendUnderStops(browser, tabs, rng);
    const { claims } = await storedRecords(browser);
    const byPair = new Map<string, number>();
    for (const { url, quote } of claims) {
      byPair.set(`${url}\n${quote}`, (byPair.get(`${url}\n${quote}`) ?? 0) + 1);
    }
    const ids = new Set(claims.map((c) => c.id));
    const sent = expectedPairs(tabs);
    const errors = new Map<string, number>();
    let lostOk = 0;
    let storedNotOk = 0;
    answers.forEach((answer, i) => {
      const stored = byPair.has(sent[i]!);
      if (answer.ok && !(answer.value && ids.has(answer.value.id) && stored)) lostOk++;
      if (!answer.ok) {
        const kind = (answer.error ?? '?').slice(0, 80);
        errors.set(kind, (errors.get(kind) ?? 0) + 1);
        if (stored) storedNotOk++;
      }
    });
    let paintedUnsaved = 0;
    for (const { page } of tabs) paintedUnsaved += await unsavedIds(page);
    const wanted = new Set(sent);
    return {
      attempted: sent.length,
      answeredOk: answers.filter((a) => a.ok).length,
      stored: claims.length,
      // A second record of a save, or a record of no save at all.
      duplicated:
        [...byPair.values()].reduce((sum, n) => sum + n - 1, 0) +
        [...byPair.keys()].filter((pair) => !wanted.has(pair)).length,
      lost: sent.filter((pair) => !byPair.has(pair)).length,
      lostOk,
      shownUnsaved: answers.filter((a) => !a.ok).length,
      storedNotOk,
      paintedUnsaved,
      stops: stopsAt.length,
      restarts,
      ms,
      busy: [Math.min(...at), Math.max(...at)],
      stopsAt,
      errors,
    };
  } finally {
    await browser.close();
  }
}

async function fuzz(seed: number) {
  const name = `claimmark-soak-fuzz-${seed}`;
  const db = openDatabase(name);
  try {
    return await fuzzImports({
      db,
      count: FUZZ,
      seed,
      log: (line) => console.log(`[fuzz] ${line}`),
    });
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

function report(i: number, r: Round): void {
  const errors = [...r.errors].map(([e, n]) => `${n}× ${e}`).join('; ');
  const secs = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(1)).join(', ');
  console.log(
    `[soak] round ${i}: ${fmt(r.attempted)} saves answered ${secs(r.busy)} s after sending, ` +
      `worker stopped at ${secs(r.stopsAt) || '—'} s (${r.restarts} restarts); ` +
      `${fmt(r.answeredOk)} ok, ${fmt(r.stored)} stored, ${r.duplicated} duplicated, ` +
      `${r.lost} lost (${r.lostOk} of them answered ok), ${r.shownUnsaved} shown unsaved ` +
      `(${r.paintedUnsaved} painted unsaved, ${r.storedNotOk} stored all the same)` +
      (errors ? ` — ${errors}` : ''),
  );
}

async function main(): Promise<number> {
  const started = performance.now();
  const budget = MINUTES * 60_000;
  console.log(
    `[soak] seed ${SEED}: ${fmt(FUZZ)} fuzzed imports, then ${ROUNDS ?? `${MINUTES} minutes of`} rounds ` +
      `of ${TABS} tabs × ${PER_TAB} saves with up to ${STOPS} worker stops each`,
  );
  // The fuzz first: its time is known before the rounds fill what is left of SOAK_MINUTES.
  const fuzzed = await fuzz(SEED);
  console.log(
    `[soak] import fuzz, seed ${SEED}: ${fmt(fuzzed.fuzzed)} files in ${(fuzzed.ms / 1000).toFixed(1)} s, ` +
      `${fmt(fuzzed.refused)} refused, ${fmt(fuzzed.imported)} imported, ${fuzzed.failures.length} failures`,
  );
  const rng = createRng(SEED);
  const server = await startFixtureServer();
  const rounds: Round[] = [];
  try {
    for (let i = 1; ROUNDS === undefined || i <= ROUNDS; i++) {
      const elapsed = performance.now() - started;
      const perRound = rounds.length ? (elapsed - fuzzed.ms) / rounds.length : 0;
      if (ROUNDS === undefined && rounds.length > 0 && elapsed + perRound > budget) break;
      rounds.push(await round(server, i, rng));
      report(i, rounds.at(-1)!);
    }
  } finally {
    await server.close();
  }
  const sum = (key: keyof Omit<Round, 'errors' | 'busy' | 'stopsAt'>) =>
    rounds.reduce((s, r) => s + r[key], 0);
  const wall = (performance.now() - started) / 1000;
  const rows: [string, string][] = [
    ['rounds (Chromium launches)', fmt(rounds.length)],
    ['saves attempted', fmt(sum('attempted'))],
    ['saves answered ok', fmt(sum('answeredOk'))],
    ['claims stored', fmt(sum('stored'))],
    ['claims duplicated', fmt(sum('duplicated'))],
    ['saves lost (sent, not stored)', fmt(sum('lost'))],
    ['saves lost that had answered ok', fmt(sum('lostOk'))],
    ['saves shown unsaved (answered not ok)', fmt(sum('shownUnsaved'))],
    ['service workers stopped under load', fmt(sum('stops'))],
    ['service workers restarted by a message', fmt(sum('restarts'))],
    ['import files fuzzed', fmt(fuzzed.fuzzed)],
    ['import files refused', fmt(fuzzed.refused)],
    ['import files imported', fmt(fuzzed.imported)],
    ['import fuzz failures', fmt(fuzzed.failures.length)],
    ['seed', String(SEED)],
    ['wall time', `${Math.floor(wall / 60)} min ${Math.round(wall % 60)} s`],
  ];
  console.log(
    ['', '| soak | |', '|---|---:|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n'),
  );
  const failed = sum('lostOk') > 0 || sum('duplicated') > 0 || fuzzed.failures.length > 0;
  console.log(failed ? '\n[soak] FAILED' : '\n[soak] held: nothing lost, nothing stored twice');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
