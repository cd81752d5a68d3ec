/**
 * Databases as every schema version of Claimmark wrote them, for the migration tests
 * (tests/integration/migrations-fixtures.test.ts): tests/fixtures/db/v<N>.json.
 *
 *   npx tsx tests/tools/make-db-fixtures.ts         every version declared in utils/store/db.ts
 *   npx tsx tests/tools/make-db-fixtures.ts 3       only v3
 *
 * Each library is written by *that version's code*, taken from git history (never a checkout:
 * `git show <commit>:<file>` of every file under utils/ into a temporary directory), into
 * fake-indexeddb, then dumped raw (tests/fixtures/db/raw-idb.ts): IndexedDB version, stores,
 * key paths, indexes and every record. The code for schema vN is the last commit before the
 * commit that declared v(N+1), or HEAD for the current version. A version no commit ever wrote
 * as its newest (v1: the repository starts at v2, with v1 kept verbatim as `SCHEMA_V1`) is
 * written through a Dexie declaring only that schema, with records in the shape its doc comment
 * gives. The library is the same for every version, as far as the version can hold it:
 * 8 pages, 200 claims cut from real article text (tests/tools/search/generate-library.ts) of all
 * five types, tags (unicode, emoji, hostile), notes (multi-line, hostile), then edits, anchoring
 * reports (exact, approximate, orphan), aliases and a redirect (v2+), deletions; v3 also leaves
 * a write unfolded into the search index, as a page closed before its flush would.
 */
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Dexie } from 'dexie';
import type { Annotation, AnchorStatus, Page, PageMetadata } from '../../utils/core/model';
import { HOSTILE_TAGS, HOSTILE_TEXT } from '../fixtures/hostile';
import { dumpDatabase } from '../fixtures/db/raw-idb';
import { generateLibrary } from './search/generate-library';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'tests', 'fixtures', 'db');
const CLAIMS = 200;
const PAGES = 8;
/** Claims (by saving order) deleted again. */
const DELETED = [17, 88, 150];

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Where the schema lived: `db.ts` at the top of utils/ until the layered tree, utils/store/db.ts since. */
const DB_PATHS = ['utils/store/db.ts', 'utils/db.ts'];

/** The Dexie versions the schema file declares at `commit` (none if it has no such file). */
function versionsAt(commit: string): number[] {
  for (const path of DB_PATHS) {
    try {
      const source = execFileSync('git', ['show', `${commit}:${path}`], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return [...source.matchAll(/\.version\((\d+)\)/g)].map((m) => Number(m[1]));
    } catch {
      // not at this path at that commit
    }
  }
  return [];
}

interface Writer {
  version: number;
  /** The commit whose code writes the fixture. */
  commit: string;
  subject: string;
  /** No commit wrote this version as its newest: write with its verbatim schema only. */
  schemaOnly: boolean;
}

/** Which code writes the fixture of each schema version (see the file comment). */
function writers(): Writer[] {
  const head = git('rev-parse', 'HEAD').trim();
  const history = git('log', '--reverse', '--format=%H', '--', ...DB_PATHS)
    .trim()
    .split('\n');
  const declared = new Map(history.map((c) => [c, versionsAt(c)]));
  const current = Math.max(...versionsAt(head));
  const introduced = (n: number) => history.find((c) => declared.get(c)!.includes(n));
  const out: Writer[] = [];
  for (let n = 1; n <= current; n++) {
    let commit = head;
    if (n < current) {
      const next = introduced(n + 1);
      if (!next) throw new Error(`no commit declares version ${n + 1}`);
      commit = git('rev-parse', `${next}^`).trim();
    }
    let schemaOnly = false;
    if (Math.max(0, ...versionsAt(commit)) !== n) {
      commit = introduced(n)!;
      schemaOnly = true;
    }
    const subject = git('log', '-1', '--format=%s', commit).trim();
    out.push({ version: n, commit, subject, schemaOnly });
  }
  return out;
}

/** utils/ as it was at `commit`, in a fresh directory that resolves this project's packages. */
function checkoutUtils(commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), `claimmark-${commit.slice(0, 7)}-`));
  for (const file of git('ls-tree', '-r', '--name-only', commit, '--', 'utils').split('\n')) {
    if (!file) continue;
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    writeFileSync(
      join(dir, file),
      execFileSync('git', ['show', `${commit}:${file}`], { cwd: ROOT }),
    );
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

// The old code's surface used here (stable since the core loop; checked at run time).
interface OldDb {
  open(): Promise<unknown>;
  close(): void;
  verno: number;
}
type Result = { ok: true; value: unknown } | { ok: false; error: string };
interface OldModules {
  db: { openDatabase(name: string): OldDb; SCHEMA_V1: Record<string, string> };
  handlers: {
    createHandlers(db: OldDb, now: () => string): unknown;
    dispatch(handlers: unknown, message: unknown): Promise<Result>;
    recordRedirect(db: OldDb, from: string, to: string): Promise<boolean>;
  };
  model: { normalizeTags(tags: readonly string[]): string[] };
  maintain?: { whenSearchIndexed(db: OldDb): Promise<void> };
}

const LAYERED: Record<string, string> = {
  'db.ts': 'store/db.ts',
  'handlers.ts': 'store/handlers.ts',
  'model.ts': 'core/model.ts',
};

async function load(dir: string): Promise<OldModules> {
  // Each module at its layered path (utils/store/db.ts …) or, in older commits, its loose one.
  const at = (file: string) => {
    const layered = LAYERED[file];
    const path = layered && existsSync(join(dir, 'utils', layered)) ? layered : file;
    return import(pathToFileURL(join(dir, 'utils', path)).href);
  };
  let maintain: OldModules['maintain'];
  try {
    maintain = await at('search/maintain.ts');
  } catch {
    maintain = undefined;
  }
  return {
    db: await at('db.ts'),
    handlers: await at('handlers.ts'),
    model: await at('model.ts'),
    maintain,
  };
}

// ---------------------------------------------------------------- the library

const EXTRA_TAGS = [
  'Café',
  '日本市場',
  'Größe',
  '🚀 Launch',
  'ümlaut straße',
  'données-clés',
  '中国 電商',
  '#Q3',
  ...HOSTILE_TAGS.slice(0, 4),
];
const SHORT_HOSTILE = HOSTILE_TEXT.filter((c) => c.text.length < 200);
const MULTI_LINE = [
  'Three points:\n1. the figure is gross, not net\n2. compare with Q2\n3. ask IR',
  'First line\n\nSecond paragraph after a blank line.\r\nWindows line end, then a tab:\tdone',
  '  leading spaces kept\nand trailing ones too  \n',
];

interface Plan {
  pages: Page[];
  /** In saving order, as the reader saved them (before edits). */
  claims: Annotation[];
  /** Page index → aliases it is met under when its first claim is saved. */
  savedAliases: Map<number, string[]>;
}

function plan(): Plan {
  const library = generateLibrary({ claims: CLAIMS, pages: PAGES, seed: 8 });
  const pages = library.pages.map((page, i) =>
    i === 2 ? { ...page, title: 'Économie : « 3,5 milliards d’euros » — l’été 2025 💶' } : page,
  );
  const claims = library.annotations.map((claim, i): Annotation => {
    const tags = [...claim.tags];
    if (i % 7 === 0) tags.push(EXTRA_TAGS[(i / 7) % EXTRA_TAGS.length]!);
    if (i % 23 === 5) tags.push('Mixed CASE Tag');
    let note = claim.note;
    if (i % 9 === 4) note = MULTI_LINE[(i / 9) % MULTI_LINE.length | 0]!;
    if (i % 31 === 3) note = SHORT_HOSTILE[((i / 31) | 0) % SHORT_HOSTILE.length]!.text;
    if (i % 5 === 1 && !note) note = `Zweite Quelle prüfen — ${claim.type} n° ${i}`;
    return {
      ...claim,
      type: i < 5 ? (['figure', 'quote', 'date', 'forecast', 'claim'] as const)[i]! : claim.type,
      tags,
      note,
    };
  });
  const savedAliases = new Map<number, string[]>([
    [0, [`${pages[0]!.url}?output=amp`, pages[0]!.url.replace('https://', 'https://m.')]],
    [3, [`${pages[3]!.url.replace(/-\d+$/, '')}-old-slug`]],
  ]);
  return { pages, claims, savedAliases };
}

const later = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** What a page's visit reported for claim `i` (undefined: never revisited). */
function anchorOf(
  i: number,
  pageIndex: number,
): { status: AnchorStatus; text?: string } | undefined {
  if (pageIndex >= 6) return undefined;
  if (i % 10 === 0) return { status: 'orphan' };
  if (i % 10 === 1) return { status: 'approximate', text: 'the page now says it differently' };
  return { status: 'exact' };
}

async function writeWithHandlers(old: OldModules, db: OldDb, version: number): Promise<void> {
  const { pages, claims, savedAliases } = plan();
  let clock = '';
  const handlers = old.handlers.createHandlers(db, () => clock);
  const send = async (type: string, payload: unknown) => {
    const result = await old.handlers.dispatch(handlers, { type, payload });
    if (!result.ok) throw new Error(`${type}: ${result.error}`);
    return result.value;
  };
  const pageOf = (claim: Annotation) => pages.findIndex((p) => p.url === claim.url);
  const seen = new Set<number>();

  for (const claim of claims) {
    const p = pageOf(claim);
    const page = pages[p]!;
    const metadata: PageMetadata = {
      title: page.title,
      byline: page.byline,
      siteName: page.siteName,
      publishedTime: page.publishedTime,
      lang: page.lang,
      excerpt: page.excerpt,
    };
    clock = claim.created;
    await send('annotation:save', {
      annotation: {
        id: claim.id,
        url: claim.url,
        quote: claim.quote,
        selectors: claim.selectors,
        type: claim.type,
        tags: claim.tags,
        note: claim.note,
      },
      metadata,
      aliases: seen.has(p) ? [] : (savedAliases.get(p) ?? []),
    });
    seen.add(p);
  }

  // Visits a week later: edits, anchoring reports.
  for (const [i, claim] of claims.entries()) {
    clock = later(claim.created, 7 * 24 * 60 + i);
    if (i % 12 === 6) {
      await send('annotation:update', {
        id: claim.id,
        patch: { note: `${claim.note}\nEdited: checked against the filing.`.trim() },
      });
    }
    if (i % 15 === 2) {
      await send('annotation:update', {
        id: claim.id,
        patch: { type: 'forecast', tags: [...claim.tags, 'Edited Later'] },
      });
    }
  }
  clock = '2026-01-15T09:30:00.000Z';
  const results = claims.flatMap((claim, i) => {
    const anchor = anchorOf(i, pageOf(claim));
    return anchor ? [{ id: claim.id, ...anchor }] : [];
  });
  await send('annotations:anchored', { results });
  await old.handlers.recordRedirect(db, pages[1]!.url, `${pages[1]!.url}?redirected=1`);
  for (const i of DELETED) await send('annotation:delete', { id: claims[i]!.id });

  if (version >= 3) {
    if (!old.maintain) throw new Error('v3 code without utils/search/maintain.ts');
    await old.maintain.whenSearchIndexed(db);
    // Written, then the page closed before its flush: marks the next flush folds in.
    clock = '2026-01-16T10:00:00.000Z';
    await send('annotation:update', {
      id: claims[42]!.id,
      patch: { note: 'Written just before the popup closed: unflushed' },
    });
  }
}

/** v1 as its schema comment describes it: pages without aliases, claims without anchor. */
async function writeSchemaOnly(old: OldModules, name: string, version: number): Promise<void> {
  if (version !== 1) throw new Error(`no writer for schema-only version ${version}`);
  const { pages, claims } = plan();
  const db = new Dexie(name);
  db.version(1).stores(old.db.SCHEMA_V1);
  const firstClaim = (url: string) => claims.find((c) => c.url === url)!.created;
  await db.table('pages').bulkAdd(
    pages.map((page) => {
      const v1: Partial<Page> = { ...page };
      delete v1.aliases;
      const firstSeen = firstClaim(page.url);
      return { ...v1, firstSeen, lastSeen: later(firstSeen, 7 * 24 * 60) };
    }),
  );
  await db.table('annotations').bulkAdd(
    claims
      .map((claim, i) => {
        const v1: Partial<Annotation> = { ...claim };
        delete v1.anchor;
        const edited = i % 12 === 6;
        return {
          ...v1,
          note: edited ? `${claim.note}\nEdited: checked against the filing.`.trim() : claim.note,
          quote: claim.quote.replace(/\s+/g, ' ').trim(),
          tags: old.model.normalizeTags(claim.tags),
          updated: edited ? later(claim.created, 7 * 24 * 60 + i) : claim.created,
        };
      })
      .filter((_, i) => !DELETED.includes(i)),
  );
  db.close();
}

async function make(writer: Writer): Promise<void> {
  const dir = checkoutUtils(writer.commit);
  try {
    const old = await load(dir);
    const name = `claimmark-fixture-v${writer.version}`;
    if (writer.schemaOnly) {
      await writeSchemaOnly(old, name, writer.version);
    } else {
      const db = old.db.openDatabase(name);
      await db.open();
      if (db.verno !== writer.version) {
        throw new Error(`${writer.commit} opens version ${db.verno}, not ${writer.version}`);
      }
      await writeWithHandlers(old, db, writer.version);
      db.close();
    }
    const raw = await dumpDatabase(indexedDB, name);
    const fixture = {
      schemaVersion: writer.version,
      idbVersion: raw.version,
      commit: writer.commit,
      subject: writer.subject,
      writtenWith: writer.schemaOnly
        ? `SCHEMA_V${writer.version} of ${writer.commit.slice(0, 7)} alone (Dexie declaring only that version)`
        : `utils/ of ${writer.commit.slice(0, 7)}: openDatabase, createHandlers + dispatch`,
      generator: 'tests/tools/make-db-fixtures.ts',
      database: { ...raw, name: 'claimmark' },
    };
    const file = join(OUT, `v${writer.version}.json`);
    writeFileSync(file, `${JSON.stringify(fixture, null, 1)}\n`);
    const counts = raw.stores.map((s) => `${s.name} ${s.values.length}`).join(', ');
    console.log(
      `v${writer.version} (IDB ${raw.version}) from ${writer.commit.slice(0, 7)}` +
        `${writer.schemaOnly ? ' [schema only]' : ''}: ${counts} → ${file}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.argv.slice(2).map(Number);
for (const writer of writers()) {
  if (only.length === 0 || only.includes(writer.version)) await make(writer);
}
