/**
 * `npm run profile:pageload`: a V8 CPU profile (DevTools protocol, 50 µs sampling) of guardian-1
 * loading with PROFILE_CLAIMS (50) claims in the built extension, from navigation until the
 * claims are painted; PROFILE_RUNS (5) loads, summed. Prints where Claimmark's time goes: self
 * time of the innermost frame (our functions, and the browser's built-ins and DOM calls they
 * make) in samples whose stack holds a frame of the extension, and the inclusive time of our
 * functions. Build unminified for readable names: `CLAIMMARK_MINIFY=false npx wxt build`.
 * PROFILE_OUT=file.cpuprofile keeps the last profile for DevTools.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { launchExtension, startFixtureServer } from '../e2e/harness';
import { benchClaims, seedClaims, serveGuardian } from './bench/pageload-setup';

const COUNT = Number(process.env.PROFILE_CLAIMS ?? 50) || 50;
const RUNS = Number(process.env.PROFILE_RUNS ?? 5) || 5;
const INTERVAL_US = 50;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let ours = 0;

function add(map: Map<string, number>, key: string, ms: number) {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function account(profile: Profile, prefix: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => {
    const f = n.callFrame;
    const file = f.url.startsWith(prefix) ? f.url.slice(prefix.length) : f.url || '(native)';
    return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  };
  profile.samples.forEach((id, i) => {
    // A sample stands for the time to the next one, capped: on a busy machine the sampler is
    // sometimes descheduled, and one late sample would take the whole gap.
    const ms = Math.min(profile.timeDeltas[i + 1] ?? 0, 4 * INTERVAL_US) / 1000;
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      stack.push(byId.get(at)!);
    if (!stack.some((n) => n.callFrame.url.startsWith(prefix))) return;
    ours += ms;
    add(self, name(stack[0]!), ms);
    for (const key of new Set(stack.filter((n) => n.callFrame.url.startsWith(prefix)).map(name)))
      add(inclusive, key, ms);
  });
}

async function main(): Promise<void> {
  const server = await startFixtureServer();
  const claims = benchClaims(serveGuardian(server), COUNT);
  const extension = await launchExtension();
  await seedClaims(extension, server, claims, [COUNT]);
  const prefix = `chrome-extension://${extension.extensionId}/`;
  let last: Profile | undefined;
  for (let run = 0; run < RUNS; run++) {
    const page = await extension.context.newPage();
    const cdp: CDPSession = await extension.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
    await cdp.send('Profiler.start');
    await page.goto(`${server.origin}/with-${COUNT}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.claimmark === 'ready');
    await page.waitForTimeout(300);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    account(profile, prefix);
    last = profile;
    await cdp.detach();
    await page.close();
  }
  await extension.close();
  await server.close();
  if (process.env.PROFILE_OUT && last) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(last));
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `| ${(v / RUNS).toFixed(2)} | ${k} |`);
  console.log(
    [
      `## CPU profile: guardian-1 with ${COUNT} claims, mean of ${RUNS} loads`,
      '',
      `Samples with an extension frame on the stack: ${(ours / RUNS).toFixed(1)} ms a load.`,
      '',
      '| self ms | innermost frame |',
      '|--:|---|',
      ...top(self, 30),
      '',
      '| inclusive ms | our function |',
      '|--:|---|',
      ...top(inclusive, 30),
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
