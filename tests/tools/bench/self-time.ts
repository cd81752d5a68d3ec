/**
 * Self time per function of a V8 CPU profile (DevTools `Profiler.stop`): what the benchmarks print
 * as "where the time went". Each sample counts the time delta that came with it.
 */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  startTime?: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTimes {
  /** Time not spent idle (µs). */
  busyUs: number;
  /** The `n` functions with the most self time, one per line ("   12 ms  name file:line:col"). */
  top(n: number, width?: number): string;
}

export function selfTimes(profile: CpuProfile): SelfTimes {
  const time = new Map<number, number>();
  profile.samples?.forEach((id, i) =>
    time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)),
  );
  const self = new Map<string, number>();
  let busyUs = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const us = time.get(node.id) ?? 0;
    if (functionName !== '(idle)') busyUs += us;
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}:${columnNumber}`;
    self.set(name, (self.get(name) ?? 0) + us);
  }
  return {
    busyUs,
    top: (n, width = 7) =>
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([name, us]) => `${(us / 1000).toFixed(0).padStart(width)} ms  ${name}`)
        .join('\n'),
  };
}

/**
 * The longest stretches of samples without idle (a task, roughly) and, for each, the functions
 * with the most time under them (inclusive): where a page's long tasks come from.
 */
export function longStretches(profile: CpuProfile, overMs: number, n: number, width = 8): string {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const name = (id: number) => {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}:${columnNumber}`;
  };
  const stretches: { ms: number; under: Map<string, number> }[] = [];
  let current: { us: number; under: Map<string, number> } | undefined;
  const samples = profile.samples ?? [];
  samples.forEach((id, i) => {
    const us = profile.timeDeltas?.[i + 1] ?? 0;
    const idle = byId.get(id)?.callFrame.functionName === '(idle)';
    if (idle) {
      if (current && current.us / 1000 > overMs)
        stretches.push({ ms: current.us / 1000, under: current.under });
      current = undefined;
      return;
    }
    current ??= { us: 0, under: new Map() };
    current.us += us;
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const label = name(node);
      if (seen.has(label)) continue;
      seen.add(label);
      current.under.set(label, (current.under.get(label) ?? 0) + us);
    }
  });
  return stretches
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n)
    .map(
      ({ ms, under }) =>
        `${ms.toFixed(0)} ms:\n` +
        [...under]
          .filter(([label]) => !label.startsWith('(root)'))
          .sort((a, b) => b[1] - a[1])
          .slice(0, width)
          .map(([label, us]) => `  ${(us / 1000).toFixed(0).padStart(5)} ms  ${label}`)
          .join('\n'),
    )
    .join('\n');
}
