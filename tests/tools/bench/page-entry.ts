/**
 * Entry of the bundle injected into the Chromium page (built with esbuild by bench.ts): the
 * runners on `document.body`, exposed as `globalThis.__claimmarkBench` for page.evaluate.
 */
import { refModel } from './dom-model';
import type { BenchClaim } from './runner';
import { peerHints, runOurs, runPeer } from './runner';

const api = {
  modelText: (): string => refModel(document.body).text,
  hints: (claims: BenchClaim[]): number[] => peerHints(document.body, claims),
  ours: (claims: BenchClaim[], repeats: number) => runOurs(document.body, claims, repeats),
  peer: (claims: BenchClaim[], hints: number[], repeats: number) =>
    runPeer(document.body, claims, hints, repeats),
};

export type BenchApi = typeof api;

(globalThis as unknown as { __claimmarkBench: BenchApi }).__claimmarkBench = api;
