/**
 * A real CouchDB-protocol server for tests, benchmarks and `npm start -- --team`: pouchdb-server
 * (npm, LevelDB on disk) started on 127.0.0.1 with a random port and a temporary directory, an
 * admin from its config file, users in `_users` and members-only databases through `_security`.
 * Its validation plugin is corrected to validate replicated writes as CouchDB 3 does
 * (couch-validation-fix.mjs: pouchdb-server 4.2.0 silently drops them under a validate_doc_update).
 * `stop()` and `start()` take it down and bring it back on the same port with the same data (an
 * offline server); `close()` stops it and removes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');
/** Makes its validate_doc_update see replicated writes as Apache CouchDB does (see the file). */
const VALIDATION_FIX = pathToFileURL(join(ROOT, 'tests', 'support', 'couch-validation-fix.mjs'));

export const ADMIN = { username: 'admin', password: 'admin-secret' } as const;

export interface CouchServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** Admin request: path relative to the server, JSON body. */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  createUser(name: string, password: string): Promise<void>;
  /** A database only `members` (users) may read and write. */
  createDatabase(name: string, members: string[]): Promise<void>;
  /** CPU time the server process used so far (user + system, ms; Linux), for benchmarks. */
  cpuMs(): number;
  /** The server's process id, while it runs. */
  pid(): number | undefined;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startCouchServer(): Promise<CouchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'claimmark-couch-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const auth = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;
  let child: ChildProcess | undefined;

  async function request(method: string, path: string, body?: unknown) {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, json };
  }

  async function start(): Promise<void> {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        admins: { [ADMIN.username]: ADMIN.password },
        log: { file: join(dir, 'log.txt') },
      }),
    );
    child = spawn(
      process.execPath,
      [
        '--import',
        VALIDATION_FIX.href,
        BIN,
        '--dir',
        join(dir, 'data'),
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--config',
        join(dir, 'config.json'),
        '--no-stdout-logs',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pouchdb-server exited (${child.exitCode})`);
      try {
        const response = await fetch(url + '/_session', { headers: { authorization: auth } });
        const session = (await response.json()) as { userCtx?: { roles?: string[] } };
        if (session.userCtx?.roles?.includes('_admin')) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('pouchdb-server did not start within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((done) => {
      running.once('exit', () => done());
      running.kill('SIGTERM');
    });
  }

  await start();
  return {
    url,
    request,
    async createUser(name, password) {
      const { status, json } = await request('PUT', `/_users/org.couchdb.user:${name}`, {
        _id: `org.couchdb.user:${name}`,
        name,
        password,
        roles: [],
        type: 'user',
      });
      if (status >= 300) throw new Error(`user ${name}: ${status} ${JSON.stringify(json)}`);
    },
    async createDatabase(name, members) {
      const created = await request('PUT', `/${name}`);
      if (created.status >= 300) throw new Error(`database ${name}: ${created.status}`);
      const security = await request('PUT', `/${name}/_security`, {
        admins: { names: [], roles: [] },
        members: { names: members, roles: [] },
      });
      if (security.status >= 300) throw new Error(`_security of ${name}: ${security.status}`);
    },
    pid: () => child?.pid,
    cpuMs() {
      if (!child?.pid) return 0;
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
