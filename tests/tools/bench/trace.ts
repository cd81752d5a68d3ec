/**
 * Main-thread time from a Chromium trace, for `npm run bench:pageload`: the page's own main
 * thread (its renderer's CrRendererMain) and the part of it spent in the extension's scripts.
 *
 * Two sources, so that nothing the extension runs escapes the count:
 * 1. Trace events whose URL is `chrome-extension://<id>/…` (script compile and evaluation,
 *    function calls, timers and event listeners of our scripts), and the evaluation of the
 *    functions the background injects (`EvaluateScript` without a URL, see `isOurs`), outermost
 *    events only, so nothing is counted twice; their CPU time (`tdur`).
 * 2. The V8 CPU profile recorded in the same trace (`disabled-by-default-v8.cpu_profiler`): a
 *    sample whose stack holds a frame of the extension's scripts, taken outside the events of 1.
 *    This is code that no event names: an async function resumed in a microtask checkpoint
 *    (`RunMicrotasks` has no URL), a promise callback, a native binding our code called. Each
 *    such sample counts for its interval, scaled by the CPU/wall ratio of the top-level task it
 *    fell in (the machine is shared: wall time would count other processes).
 *
 * CPU time, so other work on the machine does not inflate it. DOM work our scripts cause after
 * they return (style, layout) runs outside both and is not counted, as DevTools' "bottom-up by
 * URL" would not count it either.
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  id?: string;
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
  'disabled-by-default-v8.cpu_profiler',
].join(',');

/** The same without V8's sampling profiler (`BENCH_TRACE_PROFILER=0`): less overhead in our code. */
export const CATEGORIES_WITHOUT_PROFILER = CATEGORIES.replace(
  ',disabled-by-default-v8.cpu_profiler',
  '',
);

/**
 * Start tracing `categories`. `bufferKb` asks for a trace buffer that large, filled until full
 * (`recordAsMuchAsPossible`): the default buffer holds only the first minute or so of an extension
 * page's busy thread, so a trace over a whole 100,000-claim sync needs more.
 */
export async function startTrace(
  cdp: CDPSession,
  categories = CATEGORIES,
  bufferKb?: number,
): Promise<void> {
  await cdp.send('Tracing.start', {
    ...(bufferKb === undefined
      ? { categories }
      : {
          traceConfig: {
            recordMode: 'recordAsMuchAsPossible',
            traceBufferSizeInKb: bufferKb,
            includedCategories: categories.split(','),
          },
        }),
    transferMode: 'ReturnAsStream',
  } as never);
}

/** End the trace and read its stream, a chunk of text at a time. */
async function* traceText(cdp: CDPSession): AsyncGenerator<string> {
  const done = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (event: { stream?: string }) => resolve(event.stream!)),
  );
  await cdp.send('Tracing.end');
  const stream = await done;
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    yield chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
}

/**
 * The events of a trace too large for one string (minutes of an extension page's thread): read
 * from the stream line by line (Chromium writes one event a line) and kept only if `keep` says
 * so.
 */
export async function endTraceFiltered(
  cdp: CDPSession,
  keep: (event: TraceEvent) => boolean,
): Promise<TraceEvent[]> {
  const kept: TraceEvent[] = [];
  let rest = '';
  const take = (line: string) => {
    // `{"traceEvents":[` first, then an event a line with a comma after it, `]` or `]}` last.
    const text = line
      .trim()
      .replace(/^\{"traceEvents":\[|^\[/, '')
      .replace(/,$/, '');
    if (!text.startsWith('{')) return;
    for (const candidate of [text, text.replace(/\]\}?$/, '')]) {
      try {
        const event = JSON.parse(candidate) as TraceEvent;
        if (keep(event)) kept.push(event);
        return;
      } catch {
        // not one whole event as it is: try without the trace's closing brackets
      }
    }
  };
  for await (const data of traceText(cdp)) {
    const lines = (rest + data).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) take(line);
  }
  take(rest);
  return kept;
}

export async function endTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const parts: string[] = [];
  for await (const data of traceText(cdp)) parts.push(data);
  const parsed = JSON.parse(parts.join('')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
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

/**
 * Whether a trace event is the extension's: its URL is the extension's, or it evaluates a script
 * without a URL — what `scripting.executeScript({ func })` runs in the page (the background's
 * `describePage`, `seedPainter`, `wakePage`); the harness's own evaluations name
 * `__playwright_evaluation_script__`, and a page's inline scripts its document.
 */
function isOurs(event: TraceEvent, prefix: string): boolean {
  const url = urlOf(event);
  return url?.startsWith(prefix) === true || (event.name === 'EvaluateScript' && url === '');
}

export interface MainThread {
  /** Busy time of the page's main thread (top-level tasks), ms. */
  total: number;
  /** Of which in the extension's scripts (events + sampled), ms. */
  extension: number;
  /** Of `extension`, the part found only by the CPU profile's samples, ms. */
  sampled: number;
}

/** A thread's key in a trace: its process and thread ids. */
const threadOf = (e: TraceEvent): string => `${e.pid}:${e.tid}`;

/** The threads' names (`thread_name` metadata), by `threadOf`. */
function threadNamesOf(events: TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name')
      names.set(threadOf(e), (e.args as { name?: string } | undefined)?.name ?? '');
  return names;
}

/** The renderer main threads of a trace, by `threadOf`. */
function rendererMainsOf(events: TraceEvent[]): Set<string> {
  return new Set(
    [...threadNamesOf(events)].filter(([, name]) => name === 'CrRendererMain').map(([k]) => k),
  );
}

/** A top-level task of a thread: of a main thread or other sequence, or of a pool worker. */
const isTask = (e: TraceEvent): boolean =>
  e.name === 'RunTask' ||
  e.name === 'ThreadControllerImpl::RunTask' ||
  e.name === 'ThreadPool_RunTask';

/** Main-thread time of the renderer that parsed `pageUrl`, and the extension's share of it. */
export function mainThreadOf(
  events: TraceEvent[],
  pageUrl: string,
  extensionId: string,
): MainThread {
  const mains = rendererMainsOf(events);
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && mains.has(threadOf(e)) && urlOf(e) === pageUrl,
  );
  if (!parse) throw new Error(`no ParseHTML of ${pageUrl} in the trace`);
  const thread = events.filter(
    (e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && (e.dur ?? 0) > 0,
  );
  const tasks = outermostOf(thread.filter(isTask));
  const total = cpuOf(tasks);
  const prefix = `chrome-extension://${extensionId}/`;
  const ours = outermostOf(thread.filter((e) => isOurs(e, prefix)));
  const named = cpuOf(ours);
  const samples = samplesOf(events, parse.pid, parse.tid, prefix);
  let sampled = 0;
  const unnamed = new Map<string, number>();
  for (const sample of samples) {
    if (!sample.ours || within(ours, sample.ts)) continue;
    const task = within(tasks, sample.ts);
    if (!task) continue; // outside any task: the thread was idle, nothing ran
    const end = Math.min(sample.ts + sample.interval, task.ts + (task.dur ?? 0));
    const ratio = (task.tdur ?? task.dur ?? 0) / (task.dur || 1);
    const cpu = Math.max(0, end - sample.ts) * Math.min(1, ratio);
    sampled += cpu;
    unnamed.set(sample.frame, (unnamed.get(sample.frame) ?? 0) + cpu);
  }
  if (process.env.BENCH_TRACE_DEBUG) {
    const byName = new Map<string, number>();
    for (const e of thread.filter((e) => isOurs(e, prefix))) {
      const key = `${e.name} ${urlOf(e)?.slice(prefix.length) || '(injected function)'}`;
      byName.set(key, (byName.get(key) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
    }
    for (const [frame, cpu] of unnamed) byName.set(`sampled ${frame}`, cpu / 1000);
    if (Number(process.env.BENCH_TRACE_DEBUG) > 2)
      for (const e of ours)
        console.error(
          `  event ${e.name} ${urlOf(e)?.slice(prefix.length) || '(injected function)'} ${((e.tdur ?? e.dur ?? 0) / 1000).toFixed(2)} ms`,
        );
    // The innermost frames of the samples taken inside our events (what the time is spent on).
    for (const sample of samples) {
      if (!within(ours, sample.ts)) continue;
      const key = `  leaf: ${sample.leaf}`;
      byName.set(key, (byName.get(key) ?? 0) + sample.interval / 1000);
    }
    // What ran inside our events (GC, style, layout, DOM bindings), by name: wall time, µs → ms.
    for (const e of thread) {
      if (isOurs(e, prefix) || !within(ours, e.ts)) continue;
      const key = `  inside: ${e.name}`;
      byName.set(key, (byName.get(key) ?? 0) + (e.dur ?? 0) / 1000);
    }
    console.error(
      pageUrl,
      [...byName]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(process.env.BENCH_TRACE_DEBUG) > 1 ? 40 : 16)
        .map(([k, v]) => `${k}=${v.toFixed(2)}`)
        .join(', '),
    );
  }
  return { total, extension: named + sampled / 1000, sampled: sampled / 1000 };
}

interface Sample {
  ts: number;
  /** Until the next sample, µs. */
  interval: number;
  /** A frame of the extension's scripts is on the stack. */
  ours: boolean;
  /** The innermost frame of ours, for the debug breakdown. */
  frame: string;
  /** The innermost frame whatever its script (native, GC, the page's), for the debug breakdown. */
  leaf: string;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number };
}

/** The CPU profile samples of one thread, from the trace's Profile / ProfileChunk events. */
function samplesOf(events: TraceEvent[], pid: number, tid: number, prefix: string): Sample[] {
  const samples: Sample[] = [];
  for (const profile of events.filter(
    (e) => e.name === 'Profile' && e.pid === pid && e.tid === tid,
  )) {
    const nodes = new Map<number, ProfileNode>();
    let ts = (profile.args?.data as { startTime?: number } | undefined)?.startTime ?? 0;
    const ids: number[] = [];
    const times: number[] = [];
    for (const chunk of events.filter(
      (e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profile.id,
    )) {
      const data = chunk.args?.data as {
        cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
        timeDeltas?: number[];
      };
      for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
      const chunkSamples = data.cpuProfile?.samples ?? [];
      const deltas = data.timeDeltas ?? [];
      for (let i = 0; i < chunkSamples.length; i++) {
        ts += deltas[i] ?? 0;
        ids.push(chunkSamples[i]!);
        times.push(ts);
      }
    }
    const ourFrame = new Map<number, string | null>();
    const frameOf = (id: number): string | null => {
      const known = ourFrame.get(id);
      if (known !== undefined) return known;
      const node = nodes.get(id);
      let found: string | null = null;
      if (node?.callFrame.url?.startsWith(prefix)) {
        const { functionName, url, lineNumber, columnNumber } = node.callFrame;
        found = `${functionName || '(anonymous)'}@${url.slice(prefix.length)}:${lineNumber}:${columnNumber}`;
      } else if (node?.parent !== undefined) found = frameOf(node.parent);
      ourFrame.set(id, found);
      return found;
    };
    for (let i = 0; i < ids.length; i++) {
      const frame = frameOf(ids[i]!);
      samples.push({
        ts: times[i]!,
        interval: Math.max(0, (times[i + 1] ?? times[i]!) - times[i]!),
        ours: frame !== null,
        frame: frame ?? '',
        leaf: leafOf(nodes.get(ids[i]!)),
      });
    }
  }
  return samples.sort((a, b) => a.ts - b.ts);
}

function leafOf(node: ProfileNode | undefined): string {
  if (!node) return '?';
  const { functionName, url } = node.callFrame;
  return `${functionName || '(anonymous)'}@${url?.split('/').pop() ?? ''}`;
}

/** The outermost of `events`, in time order: an event inside another one is dropped. */
function outermostOf(events: TraceEvent[]): TraceEvent[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const kept: TraceEvent[] = [];
  let end = -Infinity;
  for (const event of sorted) {
    if (event.ts + (event.dur ?? 0) <= end) continue; // nested in the last outermost one
    kept.push(event);
    end = event.ts + (event.dur ?? 0);
  }
  return kept;
}

/** CPU time (ms) of events: thread time (`tdur`), not the wall time a busy machine stretches. */
function cpuOf(events: TraceEvent[]): number {
  return events.reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0) / 1000;
}

/** The event of time-ordered, non-overlapping `events` that contains `ts`, if any. */
function within(events: TraceEvent[], ts: number): TraceEvent | undefined {
  let lo = 0;
  let hi = events.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = events[mid]!;
    if (ts < e.ts) hi = mid - 1;
    else if (ts > e.ts + (e.dur ?? 0)) lo = mid + 1;
    else return e;
  }
  return undefined;
}

/** Trace categories for {@link longTasksOf}: tasks and what ran in them, no CPU profile. */
export const TASK_CATEGORIES = ['toplevel', 'devtools.timeline', 'v8.execute'].join(',');

/**
 * The top-level tasks over `overMs` of every renderer main thread in the trace, longest first:
 * wall and thread (CPU) time — a task much longer than its CPU time waited for a core of a busy
 * machine — and the events under it by self time, named by the script they ran
 * (`FunctionCall popup-….js`), so that a long task of an extension page says whose it was.
 */
export function longTasksOf(events: TraceEvent[], overMs: number, width = 8): string {
  const mains = rendererMainsOf(events);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = threadOf(e);
    if (e.ph !== 'X' || !mains.has(key)) continue;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  const lines: string[] = [];
  for (const [thread, all] of byThread) {
    all.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const tasks = outermostOf(all.filter(isTask));
    const busy = cpuOf(tasks);
    const long = tasks.filter((t) => (t.dur ?? 0) / 1000 > overMs);
    if (long.length === 0) continue;
    lines.push(
      `renderer main ${thread}: ${tasks.length} tasks, ${(busy / 1000).toFixed(1)} s CPU; ` +
        `${long.length} over ${overMs} ms (wall), of them ` +
        `${long.filter((t) => (t.tdur ?? t.dur ?? 0) / 1000 > overMs).length} over ${overMs} ms of CPU`,
    );
    // What the long tasks held, summed over all of them, then the ten longest one by one.
    const total = new Map<string, number>();
    const describe = (task: TraceEvent) => {
      const end = task.ts + (task.dur ?? 0);
      const inside = all.filter((e) => e !== task && e.ts >= task.ts && e.ts < end);
      const self = selfByName(task, inside);
      for (const [k, v] of self) total.set(k, (total.get(k) ?? 0) + v);
      return self;
    };
    const described = long.map((task) => ({ task, self: describe(task) }));
    const top = (self: Map<string, number>) =>
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, width)
        .map(([k, v]) => `      ${(v / 1000).toFixed(0).padStart(5)} ms  ${k}`)
        .join('\n');
    lines.push('  all long tasks, self wall time by event:', top(total));
    for (const { task, self } of described
      .sort((a, b) => (b.task.dur ?? 0) - (a.task.dur ?? 0))
      .slice(0, 10)) {
      lines.push(
        `  ${((task.dur ?? 0) / 1000).toFixed(0)} ms wall, ${((task.tdur ?? 0) / 1000).toFixed(0)} ms CPU:`,
        top(self),
      );
    }
  }
  return lines.join('\n');
}

/** Self wall time (µs) by event name (and script) of `task` and the events nested in it. */
function selfByName(task: TraceEvent, inside: TraceEvent[]): Map<string, number> {
  const self = new Map<string, number>();
  const label = (e: TraceEvent) => {
    const url = urlOf(e);
    const file = url ? url.split('/').pop()!.split('?')[0] : '';
    return file && !file.startsWith('__') ? `${e.name} ${file}` : e.name;
  };
  // Events in time order, each with its end; a stack gives each one's direct children.
  const stack: { e: TraceEvent; end: number; child: number }[] = [
    { e: task, end: task.ts + (task.dur ?? 0), child: 0 },
  ];
  const pop = () => {
    const top = stack.pop()!;
    const key = label(top.e);
    self.set(key, (self.get(key) ?? 0) + Math.max(0, (top.e.dur ?? 0) - top.child));
    const parent = stack[stack.length - 1];
    if (parent) parent.child += top.e.dur ?? 0;
  };
  for (const e of inside) {
    while (stack.length > 1 && e.ts >= stack[stack.length - 1]!.end) pop();
    stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
  }
  while (stack.length > 0) pop();
  return self;
}

/** The label `popup-typing.ts` stamps into a trace (`console.timeStamp`) after a late frame. */
export const LATE_FRAME_STAMP = 'claimmark-late-frame';

/**
 * What ran during each late frame a page stamped into the trace (`LATE_FRAME_STAMP` and the gap
 * in ms, at the frame that ended it): on the stamping thread, the tasks in the gap (count, wall
 * and CPU, the longest); on the browser's other threads, the three busiest in the gap by wall
 * time. Tells a frame late because the page's thread was busy from one late because of the rest
 * of the browser or of the machine.
 */
export function lateFramesOf(events: TraceEvent[], limit = 30): string {
  const names = threadNamesOf(events);
  const processes = new Map<number, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'process_name')
      processes.set(e.pid, (e.args as { name?: string } | undefined)?.name ?? '');
  // Outermost per thread: a task of one thread does not hide another thread's.
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || !isTask(e)) continue;
    const list = byThread.get(threadOf(e));
    if (list) list.push(e);
    else byThread.set(threadOf(e), [e]);
  }
  const tasks = [...byThread.values()].flatMap(outermostOf);
  const messageOf = (e: TraceEvent) =>
    String((e.args as { data?: { message?: string } } | undefined)?.data?.message ?? '');
  const stamps = events.filter(
    (e) => e.name === 'TimeStamp' && messageOf(e).startsWith(LATE_FRAME_STAMP),
  );
  const overlap = (t: TraceEvent, from: number, to: number) =>
    Math.max(0, Math.min(to, t.ts + (t.dur ?? 0)) - Math.max(from, t.ts));
  const rows = stamps.map((stamp) => {
    const gap = Number(messageOf(stamp).split(' ')[1]) * 1000;
    const [from, to] = [stamp.ts - gap, stamp.ts];
    const thread = threadOf(stamp);
    const mine = tasks.filter((t) => threadOf(t) === thread && overlap(t, from, to) > 0);
    const others = new Map<string, number>();
    /** The task of another thread longest in the gap, to say where it was posted from. */
    let widest: { task: TraceEvent; inGap: number } | undefined;
    for (const t of tasks) {
      const key = threadOf(t);
      const inGap = key === thread ? 0 : overlap(t, from, to);
      if (inGap === 0) continue;
      const label = `${processes.get(t.pid) ?? t.pid}/${names.get(key) ?? t.tid}`;
      others.set(label, (others.get(label) ?? 0) + inGap);
      if (!widest || inGap > widest.inGap) widest = { task: t, inGap };
    }
    const posted = widest?.task.args as { src_file?: string; src_func?: string } | undefined;
    const file = String(posted?.src_file ?? '')
      .split('/')
      .slice(-2)
      .join('/');
    const source = posted?.src_func
      ? `; longest ${((widest?.task.dur ?? 0) / 1000).toFixed(0)} ms, posted by ${posted.src_func} (${file})`
      : '';
    const wall = mine.reduce((sum, t) => sum + overlap(t, from, to), 0);
    const cpu = mine.reduce((sum, t) => sum + (t.tdur ?? 0), 0);
    const longest = Math.max(0, ...mine.map((t) => t.dur ?? 0));
    const busiest = [...others]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`)
      .join(', ');
    return (
      `| ${(gap / 1000).toFixed(0)} | ${mine.length} | ${(wall / 1000).toFixed(0)} | ` +
      `${(cpu / 1000).toFixed(0)} | ${(longest / 1000).toFixed(0)} | ${busiest}${source} |`
    );
  });
  return [
    `${stamps.length} late frames stamped (the first ${Math.min(limit, stamps.length)}):`,
    '| gap (ms) | page tasks ≥ 1 ms | their wall in the gap (ms) | CPU (ms) | longest (ms) | busiest other threads, wall in the gap (ms) |',
    '|--:|--:|--:|--:|--:|---|',
    ...rows.slice(0, limit),
  ].join('\n');
}
