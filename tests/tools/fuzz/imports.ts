/**
 * Fuzzing the import path: mutated backups and W3C files (mutate.ts) through the real
 * `parseImport → previewImport → applyImport` against a database, checking after each file:
 *
 * - refused (ImportError): the message is for a person (not empty, no stack trace, no
 *   "undefined" or "[object Object]") and every table of the database is as it was;
 * - accepted: the import did what its dry run said (same summary), the database has exactly
 *   `new` more claims and pages, exactly `updated` stored claims and pages changed — and only
 *   ones the file has — no stored claim or page is lost, a stored page is only completed (never
 *   overwritten), every claim and page is valid per the model and every claim has its page;
 *   every rejected record has a human reason.
 * Any other error (a crash, a failed write) is a failure. Used by tests/integration/import-fuzz.test.ts
 * and by soak scripts: `fuzzImports({ db, count, seed })`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ClaimmarkDB } from '../../../utils/store/db';
import {
  applyImport,
  ImportError,
  parseImport,
  previewImport,
  type ConflictPolicy,
  type ImportSummary,
  type ParsedImport,
} from '../../../utils/import';
import { checkAccepted, humanProblem, snapshotDb, type Snapshot } from './checks';
import { fuzzBases, fuzzLibrary, NOW, resetLibrary, type FuzzBase, type Library } from './library';
import { mutationAt } from './mutate';

export { checkAccepted, humanProblem, snapshotDb, type Snapshot } from './checks';
export { fuzzBases, fuzzLibrary, resetLibrary, type FuzzBase, type Library } from './library';
export { mutationAt, mutations, type Mutation } from './mutate';

export interface FuzzFailure {
  seed: number;
  index: number;
  base: string;
  mutation: string;
  detail: string;
  /** The conflict policy of the import. */
  conflict: ConflictPolicy;
  problem: string;
}

export interface FuzzOptions {
  /** A database for fuzzing only: every table is cleared and refilled with `library`. */
  db: ClaimmarkDB;
  count: number;
  seed: number;
  /** Valid files to mutate (default: `fuzzBases(library)`), taken in turn. */
  bases?: readonly FuzzBase[];
  /** What the database holds at the start and after each reset (default `fuzzLibrary()`). */
  library?: Library;
  /** Put the library back every this many files (default 20), so imports keep finding work. */
  resetEvery?: number;
  /** Every how many files one gets a 10 MB string (default 500; 0 = never). */
  hugeEvery?: number;
  /** Stop at the first failure (default false: collect them all). */
  stopOnFailure?: boolean;
  /** Progress and failures, one line each (default: nothing). */
  log?: (line: string) => void;
}

export interface FuzzResult {
  fuzzed: number;
  refused: number;
  imported: number;
  failures: FuzzFailure[];
  /** How often each refusal message (numbers blanked) was given. */
  refusals: Map<string, number>;
  /** Accepted files by what they did: claims new/updated, records rejected. */
  accepted: { withNew: number; withUpdated: number; withRejections: number; nothingToDo: number };
  ms: number;
  /** Where the time went, in ms: mutating, parseImport, previewImport, applyImport, checks. */
  phaseMs: { mutate: number; parse: number; preview: number; apply: number; check: number };
}

const CONFLICTS: readonly ConflictPolicy[] = ['newer', 'replace', 'keep'];
function kindOf(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\d+/g, '#')
    .slice(0, 160);
}

export async function fuzzImports(options: FuzzOptions): Promise<FuzzResult> {
  const started = performance.now();
  const { db, count, seed } = options;
  const library = options.library ?? fuzzLibrary();
  const bases = options.bases ?? (await fuzzBases(library));
  const resetEvery = options.resetEvery ?? 20;
  const hugeEvery = options.hugeEvery ?? 500;
  const log = options.log ?? (() => {});
  const result = emptyResult();
  let before: Snapshot | undefined;
  for (let i = 0; i < count; i++) {
    if (i % resetEvery === 0) {
      await resetLibrary(db, library);
      before = undefined;
    }
    const base = bases[i % bases.length]!;
    let t = performance.now();
    const mutation = mutationAt(seed, base.text, i, {
      huge: hugeEvery > 0 && i % hugeEvery === hugeEvery - 1,
    });
    result.phaseMs.mutate += performance.now() - t;
    t = performance.now();
    before ??= await snapshotDb(db);
    result.phaseMs.check += performance.now() - t;
    const conflict = CONFLICTS[i % CONFLICTS.length]!;
    const { problems, after } = await fuzzOne(db, mutation.text, before, result, conflict);
    before = after;
    result.fuzzed++;
    for (const problem of problems) {
      const failure: FuzzFailure = {
        seed,
        index: i,
        base: base.name,
        mutation: mutation.name,
        conflict,
        detail: mutation.detail,
        problem,
      };
      result.failures.push(failure);
      log(
        `FAIL seed=${seed} index=${i} base=${base.name} conflict=${conflict} ${mutation.name}: ${mutation.detail}\n  → ${problem}`,
      );
    }
    if (problems.length && options.stopOnFailure) break;
    if (problems.length) {
      await resetLibrary(db, library);
      before = undefined;
    }
  }
  result.ms = performance.now() - started;
  return result;
}

function emptyResult(): FuzzResult {
  return {
    fuzzed: 0,
    refused: 0,
    imported: 0,
    failures: [],
    refusals: new Map(),
    accepted: { withNew: 0, withUpdated: 0, withRejections: 0, nothingToDo: 0 },
    ms: 0,
    phaseMs: { mutate: 0, parse: 0, preview: 0, apply: 0, check: 0 },
  };
}

/**
 * One file through the import path with every check of `fuzzImports` (for a regression case
 * or a file found elsewhere): whether it was refused or imported, and the problems found.
 */
export async function checkImportFile(
  db: ClaimmarkDB,
  text: string,
  conflict: ConflictPolicy = 'newer',
): Promise<{ outcome: 'refused' | 'imported' | 'failed'; problems: string[] }> {
  const result = emptyResult();
  const { problems } = await fuzzOne(db, text, await snapshotDb(db), result, conflict);
  const outcome = result.refused ? 'refused' : result.imported ? 'imported' : 'failed';
  return { outcome, problems };
}

/**
 * One file through the import path: the problems found (none when all is well) and the database
 * after it (undefined when unknown).
 */
async function fuzzOne(
  db: ClaimmarkDB,
  text: string,
  before: Snapshot,
  result: FuzzResult,
  conflict: ConflictPolicy = 'newer',
): Promise<{ problems: string[]; after?: Snapshot }> {
  const time = result.phaseMs;
  let t = performance.now();
  const lap = (phase: keyof FuzzResult['phaseMs']) => {
    const now = performance.now();
    time[phase] += now - t;
    t = now;
  };
  let parsed: ParsedImport;
  try {
    parsed = await parseImport(text, { now: NOW });
  } catch (error) {
    lap('parse');
    if (!(error instanceof ImportError))
      return { problems: [`parseImport threw ${describe(error)}`] };
    result.refused++;
    const kind = kindOf(error.message);
    result.refusals.set(kind, (result.refusals.get(kind) ?? 0) + 1);
    const problems: string[] = [];
    const bad = humanProblem(error.message);
    if (bad) problems.push(`${bad}: ${JSON.stringify(error.message.slice(0, 300))}`);
    const after = await snapshotDb(db);
    if (!isDeepStrictEqual(after, before)) problems.push('a refused file changed the database');
    lap('check');
    return { problems, after };
  }
  lap('parse');
  let preview: ImportSummary;
  let applied: ImportSummary;
  try {
    preview = await previewImport(db, parsed, { conflict });
  } catch (error) {
    return { problems: [`previewImport threw ${describe(error)}`] };
  }
  lap('preview');
  if (!isDeepStrictEqual(await snapshotDb(db), before)) {
    return { problems: ['the dry run changed the database'] };
  }
  lap('check');
  try {
    applied = await applyImport(db, parsed, { conflict });
  } catch (error) {
    const problems = [`applyImport threw after a clean dry run: ${describe(error)}`];
    if (!isDeepStrictEqual(await snapshotDb(db), before))
      problems.push('a failed import left writes behind');
    return { problems };
  }
  lap('apply');
  result.imported++;
  const a = applied.annotations;
  if (a.new) result.accepted.withNew++;
  if (a.updated) result.accepted.withUpdated++;
  if (a.rejected + applied.pages.rejected) result.accepted.withRejections++;
  if (!a.new && !a.updated && !applied.pages.new && !applied.pages.updated)
    result.accepted.nothingToDo++;
  const after = await snapshotDb(db);
  const problems = checkAccepted(parsed, preview, applied, before, after);
  lap('check');
  return { problems, after };
}

function describe(error: unknown): string {
  if (error instanceof Error)
    return `${error.name}: ${error.message.slice(0, 300)}\n${error.stack?.split('\n').slice(1, 4).join('\n')}`;
  return String(error);
}
