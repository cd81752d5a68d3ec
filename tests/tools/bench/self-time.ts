/**
 * Self time per function of a V8 CPU profile (DevTools `Profiler.stop`): what the benchmarks print
 * as "where the time went". Each sample counts the time delta that came with it.
 */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
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
