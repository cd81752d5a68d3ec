/**
 * A "device" for sync integration tests and benchmarks in Node: its own Dexie database (over
 * fake-indexeddb), its own local PouchDB mirror and bridge, and a remote database on a real
 * pouchdb-server. `sync()` is one full round: Dexie → mirror, mirror ⇄ server, mirror → Dexie.
 */
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import { createHandlers } from '../../utils/store/handlers';
import { createBridge, type Bridge } from '../../utils/store/sync/bridge';
import type { PouchDatabase, PouchFactory } from '../../utils/store/sync/pouch';

// pouchdb-browser expects a browser global scope (a worker's `self`, `navigator`).
const scope = globalThis as unknown as Record<string, unknown>;
scope.self ??= globalThis;
if (!('navigator' in globalThis)) scope.navigator = { userAgent: 'Node' };

export async function loadPouch(): Promise<PouchFactory> {
  const module = (await import('pouchdb-browser')) as unknown as { default: PouchFactory };
  return module.default;
}

export interface Device {
  name: string;
  db: ClaimmarkDB;
  handlers: ReturnType<typeof createHandlers>;
  local: PouchDatabase;
  remote: PouchDatabase;
  bridge: Bridge;
  invalid: Map<string, string>;
  applied: string[];
  /** Dexie → mirror → server → mirror → Dexie. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export async function openDevice(options: {
  server: string;
  database: string;
  user: string;
  password: string;
  name?: string;
}): Promise<Device> {
  const PouchDB = await loadPouch();
  const name = options.name ?? `device-${crypto.randomUUID()}`;
  const db = openDatabase(name);
  const local = new PouchDB(`${name}-mirror`);
  const remote = new PouchDB(`${options.server}/${options.database}`, {
    auth: { username: options.user, password: options.password },
    skip_setup: true,
  });
  const invalid = new Map<string, string>();
  const applied: string[] = [];
  const bridge = createBridge({
    db,
    local,
    user: options.user,
    onInvalid: (id, reason) => invalid.set(id, reason),
    onApplied: (urls) => applied.push(...urls),
  });
  return {
    name,
    db,
    handlers: createHandlers(db),
    local,
    remote,
    bridge,
    invalid,
    applied,
    async sync() {
      await bridge.push();
      await local.sync(remote, {});
      await bridge.pull();
    },
    async close() {
      db.close();
      await local.destroy();
      await remote.close();
    },
  };
}
