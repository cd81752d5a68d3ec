/**
 * `npx tsx tests/tools/trace-pageload.ts`: the trace of guardian-1 with TRACE_CLAIMS (50) claims,
 * TRACE_RUNS (5) loads, in the built extension: per load the extension's trace-attributed time,
 * and, summed over the loads, the outermost events of the extension's scripts by name and file
 * (compile, evaluation, function calls) and the samples no event names, by innermost frame of ours.
 */
import { endTrace, mainThreadOf, startTrace } from './bench/trace';
import { launchExtension, startFixtureServer } from '../e2e/harness';
import { seedClaims, serveGuardian } from './bench/pageload-setup';

const COUNT = Number(process.env.TRACE_CLAIMS ?? 50) || 50;
const RUNS = Number(process.env.TRACE_RUNS ?? 5) || 5;

async function main(): Promise<void> {
  const server = await startFixtureServer();
  const html = serveGuardian(server);
  const extension = await launchExtension();
  await seedClaims(extension, server, html, [COUNT]);
  const url = `${server.origin}/with-${COUNT}/`;
  const results: { total: number; extension: number; sampled: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await extension.context.newPage();
    const cdp = await extension.context.newCDPSession(page);
    await startTrace(cdp);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.claimmark === 'ready');
    await page.waitForTimeout(500);
    const events = await endTrace(cdp);
    results.push(mainThreadOf(events, url, extension.extensionId));
    await cdp.detach();
    await page.close();
  }
  await extension.close();
  await server.close();
  const sorted = (k: 'total' | 'extension' | 'sampled') =>
    results.map((r) => r[k]).sort((a, b) => a - b);
  const med = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
  console.log(
    `${COUNT} claims, ${RUNS} loads: extension ${sorted('extension')
      .map((x) => x.toFixed(1))
      .join(
        ' ',
      )} ms, median ${med(sorted('extension')).toFixed(2)}; share median ${med(results.map((r) => (100 * r.extension) / r.total).sort((a, b) => a - b)).toFixed(2)} %; sampled median ${med(sorted('sampled')).toFixed(2)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
