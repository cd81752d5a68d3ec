/**
 * Main-thread time from a Chromium trace, for `npm run bench:pageload`: the page's own main
 * thread (its renderer's CrRendererMain) and the part of it spent in the extension's scripts —
 * trace events whose URL is `chrome-extension://<id>/…` (script evaluation, compilation, function
 * calls, timers and event listeners of our scripts), outermost events only, so nothing is counted
 * twice; CPU time, so a machine busy with other work does not inflate it. DOM work our scripts cause (style, layout) runs outside those events and is not
 * counted, as DevTools' "bottom-up by URL" would not count it either.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  args?: Record<string, unknown>;
}

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink',
].join(',');

export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    categories: CATEGORIES,
    transferMode: 'ReturnAsStream',
  } as never);
}

export async function endTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (event: { stream?: string }) => resolve(event.stream!)),
  );
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** The URL a trace event is about, where it names one. */
function urlOf(event: TraceEvent): string | undefined {
  const args = event.args ?? {};
  const data = (args.data ?? args.beginData ?? {}) as Record<string, unknown>;
  for (const value of [data.url, data.scriptName, args.url, args.fileName, data.stackTrace]) {
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length > 0) {
      const frame = value[0] as { url?: unknown };
      if (typeof frame.url === 'string') return frame.url;
    }
  }
  return undefined;
}

export interface MainThread {
  /** Busy time of the page's main thread (top-level tasks), ms. */
  total: number;
  /** Of which in the extension's scripts, ms. */
  extension: number;
}

/** Main-thread time of the renderer that parsed `pageUrl`, and the extension's share of it. */
export function mainThreadOf(
  events: TraceEvent[],
  pageUrl: string,
  extensionId: string,
): MainThread {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name')
      .filter((e) => (e.args as { name?: string } | undefined)?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && mains.has(`${e.pid}:${e.tid}`) && urlOf(e) === pageUrl,
  );
  if (!parse) throw new Error(`no ParseHTML of ${pageUrl} in the trace`);
  const thread = events.filter(
    (e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && (e.dur ?? 0) > 0,
  );
  const total = outermost(
    thread.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
  );
  const prefix = `chrome-extension://${extensionId}/`;
  const ours = thread.filter((e) => urlOf(e)?.startsWith(prefix));
  const extension = outermost(ours);
  if (process.env.BENCH_TRACE_DEBUG) {
    const byName = new Map<string, number>();
    for (const e of ours)
      byName.set(
        `${e.name} ${urlOf(e)?.slice(prefix.length)}`,
        (byName.get(`${e.name} ${urlOf(e)?.slice(prefix.length)}`) ?? 0) + (e.dur ?? 0) / 1000,
      );
    // What the browser did inside our outermost events (forced style and layout, GC, parsing).
    const inside = new Map<string, number>();
    for (const top of ours.filter((e) => e.name === 'EvaluateScript' || e.name === 'FunctionCall'))
      for (const e of thread)
        if (e !== top && e.ts >= top.ts && e.ts + (e.dur ?? 0) <= top.ts + (top.dur ?? 0))
          inside.set(e.name, (inside.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
    console.error(
      'inside:',
      [...inside]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([k, v]) => `${k}=${v.toFixed(1)}`)
        .join(', '),
    );
    console.error(
      pageUrl,
      [...byName]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([k, v]) => `${k}=${v.toFixed(1)}`)
        .join(', '),
    );
  }
  return { total, extension };
}

/**
 * CPU time (ms) of the outermost of `events` (thread time, `tdur`: what the thread itself spent,
 * not the wall time a busy machine stretches); an event inside another one is not counted.
 */
function outermost(events: TraceEvent[]): number {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let sum = 0;
  let end = -Infinity;
  for (const event of sorted) {
    if (event.ts + (event.dur ?? 0) <= end) continue; // nested in the last outermost one
    sum += event.tdur ?? event.dur ?? 0;
    end = event.ts + (event.dur ?? 0);
  }
  return sum / 1000;
}
