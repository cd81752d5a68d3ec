/**
 * 1,000 mutated backups and W3C files (tests/tools/fuzz/mutate.ts) through the real import path
 * against a fake-indexeddb database seeded with a small library. Each is either refused with a
 * message for a person and the database untouched, or imported exactly as its dry run said with
 * nothing lost (see tests/tools/fuzz/imports.ts for every check). Seeded: a failure prints the
 * seed, index and mutation; `FUZZ_SEED=… FUZZ_COUNT=…` replays or widens the run.
 */
import { Dexie } from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../utils/store/db';
import {
  checkImportFile,
  fuzzBases,
  fuzzImports,
  fuzzLibrary,
  humanProblem,
  resetLibrary,
} from '../tools/fuzz/imports';
import { mutationAt, mutations } from '../tools/fuzz/mutate';
import { parseImport } from '../../utils/import';

const SEED = Number(process.env.FUZZ_SEED ?? 20_251_125);
const COUNT = Number(process.env.FUZZ_COUNT ?? 1_000);
const names: string[] = [];

afterAll(async () => {
  await Promise.all(names.map((name) => Dexie.delete(name)));
});

describe('import fuzzing', () => {
  it('mutations are reproducible from seed and index', async () => {
    const [base] = await fuzzBases();
    const first = [...take(mutations(7, base!.text), 20)];
    expect(first.map((m) => m.text)).toEqual(
      [...take(mutations(7, base!.text), 20)].map((m) => m.text),
    );
    expect(mutationAt(7, base!.text, 13)).toEqual(first[13]);
    expect(new Set(first.map((m) => m.text)).size).toBeGreaterThan(15);
    expect(first.every((m) => m.text !== base!.text || m.detail)).toBe(true);
  });

  it(`${COUNT} mutated files: refused cleanly or imported exactly as previewed (seed ${SEED})`, async () => {
    const name = `import-fuzz-${SEED}`;
    names.push(name);
    const db = openDatabase(name);
    const lines: string[] = [];
    const result = await fuzzImports({
      db,
      count: COUNT,
      seed: SEED,
      library: fuzzLibrary(),
      log: (line) => lines.push(line),
    });
    db.close();
    const refusals = [...result.refusals].sort((a, b) => b[1] - a[1]);
    console.log(
      [
        `import fuzz seed=${SEED}: ${result.fuzzed} files in ${(result.ms / 1000).toFixed(1)} s — ${result.refused} refused, ${result.imported} imported`,
        `  imported: ${JSON.stringify(result.accepted)}`,
        `  ms: ${JSON.stringify(result.phaseMs, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`,
        ...refusals.slice(0, 12).map(([kind, n]) => `  ${n}× ${kind}`),
      ].join('\n'),
    );
    expect(result.failures, lines.slice(0, 20).join('\n')).toEqual([]);
    expect(result.fuzzed).toBe(COUNT);
    // Both outcomes are exercised, and accepted files do real work.
    expect(result.refused).toBeGreaterThan(COUNT / 10);
    expect(result.imported).toBeGreaterThan(COUNT / 10);
    expect(result.accepted.withNew).toBeGreaterThan(0);
    expect(result.accepted.withUpdated).toBeGreaterThan(0);
    expect(result.accepted.withRejections).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});

describe('files the fuzzer found problems with', () => {
  const annotation = (selector: string) =>
    `{"type":"Annotation","id":"urn:uuid:8d2f0f0e-7a1b-4c5d-9e8f-0a1b2c3d4e5f","target":{"source":"https://news.example.com/a","selector":${selector}}}`;
  const cases: { name: string; text: string; outcome: 'refused' | 'imported'; message?: RegExp }[] =
    [
      {
        // Was: This file's format is "[object Object]", not a Claimmark backup.
        name: 'a backup whose format is an object',
        text: '{"format":{},"version":1,"pages":[],"annotations":[]}',
        outcome: 'refused',
        message: /"format" is an object instead of a name/,
      },
      {
        name: 'a backup whose format is a list holding the right name',
        text: '{"format":["claimmark-backup"],"version":1,"pages":[],"annotations":[]}',
        outcome: 'refused',
        message: /"format" is a list instead of a name/,
      },
      {
        // Was: the record refused as "unreadable record (Maximum call stack size exceeded)".
        name: 'a W3C selector nested 200,000 arrays deep',
        text: annotation(
          `[{"type":"TextQuoteSelector","exact":"q"},${'['.repeat(200_000)}${']'.repeat(200_000)}]`,
        ),
        outcome: 'imported',
      },
      {
        // Was: … (Unexpected token 'N', ..."updated"NaN:"2025-"... is not valid JSON)
        name: 'a stray NaN in a record',
        text: `{"format":"claimmark-backup","version":1,"pages":[],"annotations":[{"id":"x","updated"NaN:"2025-01-01"}]}`,
        outcome: 'refused',
        message:
          /^This file is not valid JSON \(line 1, column \d+: invalid JSON value \(Unexpected token 'N'\)\)/,
      },
    ];
  for (const c of cases) {
    it(c.name, async () => {
      const name = `import-fuzz-case-${crypto.randomUUID()}`;
      names.push(name);
      const db = openDatabase(name);
      await resetLibrary(db, fuzzLibrary());
      const { outcome, problems } = await checkImportFile(db, c.text);
      expect(problems).toEqual([]);
      expect(outcome).toBe(c.outcome);
      if (c.message) {
        await expect(parseImport(c.text)).rejects.toThrow(c.message);
      }
      db.close();
    });
  }

  it('tells human messages from program output', () => {
    expect(
      humanProblem('This backup has no valid version number. Nothing was imported.'),
    ).toBeUndefined();
    expect(humanProblem('invalid JSON value ("NaN" is not valid JSON)')).toBeUndefined();
    expect(humanProblem('')).toBe('empty message');
    expect(humanProblem('This file\'s format is "[object Object]"')).toMatch(/object/);
    expect(humanProblem('line NaN, column undefined')).toMatch(/unformatted/);
    expect(humanProblem('TypeError: x is not a function\n    at read (parse.ts:1:2)')).toMatch(
      /stack/,
    );
  });
});

function* take<T>(items: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  for (const item of items) {
    yield item;
    if (--n <= 0) return;
  }
}
