/**
 * `npx tsx tests/tools/profile-page-start.ts`: where the always-on content script's main-thread
 * time goes on a page without claims (guardian-1, Chromium, the build in CLAIMMARK_OUT_DIR or
 * .output). Each of PROFILE_LOADS (5) loads is traced like `npm run bench:pageload` does
 * (tests/tools/bench/trace.ts: trace events of the extension's URL plus CPU profile samples of its
 * code outside them); it prints each load's CPU time, then the functions of the content
 * scripts (page-start.js, page-ui.js) the samples fell in, most first (wall time between samples, so only the order counts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchExtension, PAGES_DIR, startFixtureServer } from '../e2e/harness';
import { endTrace, mainThreadOf, startTrace } from './bench/trace';

const LOADS = Math.max(1, Number(process.env.PROFILE_LOADS ?? 5) || 5);

interface Node {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number };
}
type Event = Awaited<ReturnType<typeof endTrace>>[number];

/** Sampled time (µs) per innermost function, of samples with a frame of `prefix` on the stack. */
function hotFunctions(events: Event[], prefix: string, into: Map<string, number>): void {
  for (const profile of events.filter((e) => e.name === 'Profile')) {
    const nodes = new Map<number, Node>();
    const ids: number[] = [];
    const deltas: number[] = [];
    for (const chunk of events.filter(
      (e) => e.name === 'ProfileChunk' && e.pid === profile.pid && e.id === profile.id,
    )) {
      const data = chunk.args?.data as {
        cpuProfile?: { nodes?: Node[]; samples?: number[] };
        timeDeltas?: number[];
      };
      for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
      ids.push(...(data.cpuProfile?.samples ?? []));
      deltas.push(...(data.timeDeltas ?? []));
    }
    const ours = (id: number): boolean => {
      for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent))
        if (n.callFrame.url?.startsWith(`${prefix}page-`)) return true; // content scripts only
      return false;
    };
    for (let i = 0; i + 1 < ids.length; i++) {
      if (!ours(ids[i]!)) continue;
      const { functionName, url, lineNumber, columnNumber } = nodes.get(ids[i]!)!.callFrame;
      const where = url ? `${url.slice(prefix.length)}:${lineNumber}:${columnNumber}` : 'native';
      const key = `${functionName || '(anonymous)'} ${where}`;
      into.set(key, (into.get(key) ?? 0) + (deltas[i + 1] ?? 0));
    }
  }
}

/**
 * PROFILE_TREE=1: the trace events around the content script's evaluation on the page's main
 * thread — the task that runs it, and every event in it from 1 ms before our first event to
 * 0.5 ms after our last one (CPU µs, nesting by indent) — to see what running any content script
 * costs (isolated world, compile) apart from what our code does.
 */
function printTree(events: Event[], url: string, prefix: string): void {
  const evaluation = events.find(
    (e) => e.ph === 'X' && JSON.stringify(e.args ?? {}).includes(`${prefix}page-start.js`),
  );
  if (!evaluation) return console.log('  (no event of page-start.js)');
  const thread = events
    .filter((e) => e.pid === evaluation.pid && e.tid === evaluation.tid && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const task = thread.find(
    (e) =>
      (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
      e.ts <= evaluation.ts &&
      e.ts + (e.dur ?? 0) >= evaluation.ts + (evaluation.dur ?? 0),
  );
  const ours = thread.filter((e) => JSON.stringify(e.args ?? {}).includes(prefix));
  const from = Math.min(...ours.map((e) => e.ts)) - 1000;
  const to = Math.max(...ours.map((e) => e.ts + (e.dur ?? 0))) + 500;
  const open: Event[] = [];
  void url;
  for (const e of thread) {
    if (task && (e.ts < task.ts || e.ts > task.ts + (task.dur ?? 0))) continue;
    if (e.ts + (e.dur ?? 0) < from || e.ts > to) continue;
    while (open.length && open.at(-1)!.ts + (open.at(-1)!.dur ?? 0) < e.ts) open.pop();
    const name = JSON.stringify(e.args ?? {}).includes(prefix) ? `${e.name} [ours]` : e.name;
    console.log(
      `  ${'  '.repeat(open.length)}${name} +${((e.ts - from) / 1000).toFixed(2)} ms wall ${((e.dur ?? 0) / 1000).toFixed(3)} cpu ${((e.tdur ?? 0) / 1000).toFixed(3)}`,
    );
    open.push(e);
  }
}

async function main(): Promise<void> {
  const server = await startFixtureServer();
  const html = readFileSync(join(PAGES_DIR, 'guardian-1', 'source.html'), 'utf8');
  server.set('/no-claims/', html, { 'content-security-policy': "script-src 'none'" });
  const extension = await launchExtension();
  const url = `${server.origin}/no-claims/`;
  const prefix = `chrome-extension://${extension.extensionId}/`;
  const hot = new Map<string, number>();
  for (let i = 0; i < LOADS; i++) {
    const page = await extension.context.newPage();
    const cdp = await extension.context.newCDPSession(page);
    await startTrace(cdp);
    await page.goto(url, { waitUntil: 'load' });
    // A page on a site without claims sets no marker: nothing of ours runs after its load.
    await page.waitForTimeout(300);
    await page.waitForTimeout(500);
    const events = await endTrace(cdp);
    const thread = mainThreadOf(events, url, extension.extensionId);
    console.log(
      `load ${i + 1}: page ${thread.total.toFixed(1)} ms, Claimmark ${thread.extension.toFixed(2)} ms ` +
        `(of which sampled outside named events ${thread.sampled.toFixed(2)} ms)`,
    );
    hotFunctions(events, prefix, hot);
    if (process.env.PROFILE_TREE) printTree(events, url, prefix);
    await cdp.detach();
    await page.close();
  }
  console.log('\nsampled functions (ms of wall time, all loads):');
  for (const [key, us] of [...hot].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`${(us / 1000).toFixed(2).padStart(7)}  ${key}`);
  await extension.close();
  await server.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
