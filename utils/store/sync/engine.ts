/**
 * The sync engine the background runs: reads the settings, checks the server and the account,
 * keeps PouchDB's live replication running between the local mirror and CouchDB, runs the bridge
 * (bridge.ts) whenever either side changes, and reports a status a person can read. Data and
 * network code, no DOM; every dependency is passed in (`createSyncEngine`).
 *
 * - Live while the worker runs: `mirror.sync(remote, { live, retry })` (PouchDB's replicator,
 *   back-off retries when the server is away); Dexie writes reach the mirror through the outbox
 *   within a moment (`kick`), the mirror's changes reach Dexie the same way.
 * - When the worker was stopped: `catchUp()` (the background calls it from an alarm and on
 *   start) reconnects and runs a round; PouchDB's checkpoints make it resume where it stopped.
 */
import { hashId } from '../../export/hash-id';
import type { ClaimmarkDB } from '../db';
import { createBridge, type Bridge } from './bridge';
import {
  OFF_STATUS,
  parseSyncConfig,
  SYNC_CONFIG_KEY,
  SYNC_STATUS_KEY,
  type RefusalReason,
  type SyncConfig,
  type SyncStatus,
} from './config';
import type { EventEmitterLike, PouchDatabase, PouchError, PouchFactory } from './pouch';

export interface SyncStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface SyncEngineOptions {
  db: ClaimmarkDB;
  storage: SyncStorage;
  PouchDB: PouchFactory;
  fetch: typeof fetch;
  /** Claims of these pages came from the server: open tabs repaint. */
  onApplied?: (urls: string[]) => void;
  now?: () => Date;
}

export interface SyncEngine {
  /** Apply the stored settings: connect, reconnect or stay off. */
  start(): Promise<void>;
  /** A round now (alarm, worker start): reconnects if the live replication is not running. */
  catchUp(): Promise<void>;
  /** Something was written to Dexie: push it soon. */
  kick(): void;
  /** Stop syncing: replication off, mirror removed, local claims kept. */
  stop(): Promise<void>;
  status(): SyncStatus;
  /** Resolves when the bridge has nothing left to do (tests, tools). */
  settled(): Promise<void>;
}

interface Session {
  config: SyncConfig;
  mirror: PouchDatabase;
  remote: PouchDatabase;
  bridge: Bridge;
  replication?: EventEmitterLike;
  /** The live pull is fetching changes (between its 'active' and 'paused' events). */
  pulling?: boolean;
  timer?: ReturnType<typeof setInterval>;
}

/** Documents per request of PouchDB's replicator (README "Sync" has the measurements). */
const REPLICATION = { batch_size: 500 } as const;
/** Outbox entries above which the copy into the mirror and the replication run side by side. */
const OVERLAP = 1_000;

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, storage, PouchDB } = options;
  const now = options.now ?? (() => new Date());
  let status: SyncStatus = { ...OFF_STATUS };
  let session: Session | undefined;
  let work: Promise<void> = Promise.resolve();
  let queued = false;
  let starting: Promise<void> | undefined;
  let replicating = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = 2_000;
  let exchanging: Promise<void> = Promise.resolve();
  let exchangeQueued = false;
  let exchangeTimer: ReturnType<typeof setTimeout> | undefined;
  let exchangeDelay = 2_000;

  /** The server was out of reach before replication started: try again, backing off to 1 min. */
  function retryLater(): void {
    clearTimeout(retry);
    retry = setTimeout(() => void serially(apply), retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60_000);
  }

  async function report(patch: Partial<SyncStatus>): Promise<void> {
    status = { ...status, ...patch };
    if (status.state !== 'syncing') delete status.pending;
    await storage.set({ [SYNC_STATUS_KEY]: status }).catch(() => {});
  }

  /** The server refused a document from here (a `denied` event of PouchDB's replicator). */
  function denied(error: unknown): Promise<void> {
    const e = (error ?? {}) as { id?: unknown; reason?: unknown; message?: unknown };
    const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : '');
    const example = { id: text(e.id), reason: text(e.reason) || text(e.message) };
    return report({
      denied: status.denied + 1,
      deniedExamples: [...(status.deniedExamples ?? []), example].slice(0, 10),
    });
  }

  /** Run the bridge (push then pull) once more after whatever runs now; coalesced. */
  function round(current: Session): Promise<void> {
    if (queued) return work;
    queued = true;
    work = work
      .then(async () => {
        queued = false;
        if (session !== current) return;
        await current.bridge.push();
        await current.bridge.pull();
        const pending = await current.bridge.pending();
        if (status.state === 'syncing' && pending > 0) await report({ pending });
      })
      .catch(() => {
        queued = false;
      });
    return work;
  }

  async function preflight(config: SyncConfig): Promise<RefusalReason | 'offline' | null> {
    const headers = { authorization: basic(config), accept: 'application/json' };
    let session: Response;
    try {
      session = await options.fetch(`${config.server}/_session`, { headers });
    } catch {
      return 'offline';
    }
    if (session.status === 401) return 'password';
    if (!session.ok) return session.status >= 500 ? 'offline' : 'server';
    const body = (await session.json().catch(() => null)) as {
      userCtx?: { name?: unknown };
    } | null;
    if (!body || typeof body.userCtx !== 'object') return 'server';
    if (body.userCtx.name !== config.user) return 'password';
    let database: Response;
    try {
      database = await options.fetch(`${config.server}/${encodeURIComponent(config.database)}`, {
        headers,
      });
    } catch {
      return 'offline';
    }
    if (database.status === 404) return 'missing';
    if (database.status === 401 || database.status === 403) return 'member';
    if (!database.ok) return database.status >= 500 ? 'offline' : 'server';
    return null;
  }

  function mirrorName(config: SyncConfig): string {
    return `claimmark-sync-${hashId(`${config.server}\n${config.database}\n${config.user}`)}`;
  }

  /**
   * One replication both ways now (PouchDB's replicator, checkpointed: it resumes where the last
   * one stopped), with the bridge on either side. Coalesced: calls while one runs make one more.
   */
  function exchange(current: Session): Promise<void> {
    if (exchangeQueued) return exchanging;
    exchangeQueued = true;
    exchanging = exchanging
      .then(async () => {
        exchangeQueued = false;
        if (session !== current) return;
        // A write the server's validate_doc_update refused: PouchDB reports it and goes on. A
        // sync says `{ direction, doc }`, a one-way replication gives the refusal itself.
        const onDenied = (event: unknown) => {
          const e = event as { direction?: unknown; doc?: unknown } | undefined;
          void denied(e?.direction !== undefined ? e.doc : event);
        };
        if ((await current.bridge.pending()) > OVERLAP) {
          // Many to copy (a first sync copies the whole library): pushes run one after another
          // while the bridge copies, each sending what reached the mirror so far (copying first
          // and sending after took as long again). A failure ends them; the one-shot replication
          // below sends what is left and reports it. One at a time, each to its end: a cancelled
          // replication can leave its two checkpoints apart, and the next starts from zero.
          let copying = true;
          const copied = round(current).finally(() => (copying = false));
          try {
            while (copying && session === current) {
              await current.mirror.replicate.to(current.remote, REPLICATION).on('denied', onDenied);
              if (copying) await new Promise((r) => setTimeout(r, 500));
            }
          } catch {
            // reported by the replication below
          }
          await copied;
        } else {
          await round(current);
        }
        const pending = await current.bridge.pending();
        if (status.state !== 'offline' && status.state !== 'refused') {
          await report({ state: 'syncing', pending });
        }
        try {
          // While the live pull is bringing changes, a second pull of the same feed would fetch
          // and write every document twice (a first sync): push only, and pull once it rests.
          const replication = current.pulling
            ? current.mirror.replicate.to(current.remote, REPLICATION)
            : current.mirror.sync(current.remote, REPLICATION);
          await replication.on('denied', onDenied);
        } catch (error) {
          if (session !== current) return;
          const e = error as PouchError;
          if (e?.status === 401) await report({ state: 'refused', reason: 'password' });
          else if (e?.status === 403) await report({ state: 'refused', reason: 'member' });
          else {
            await report({ state: 'offline' });
            retryExchange(current);
          }
          return;
        }
        exchangeDelay = 2_000;
        await round(current);
        if (session === current) await report({ state: 'idle', lastSync: now().toISOString() });
      })
      .catch(() => {
        exchangeQueued = false;
      });
    return exchanging;
  }

  function retryExchange(current: Session): void {
    clearTimeout(exchangeTimer);
    exchangeTimer = setTimeout(() => void exchange(current), exchangeDelay);
    exchangeDelay = Math.min(exchangeDelay * 2, 60_000);
  }

  /**
   * While the worker runs: PouchDB's live pull (the server's changes arrive within a moment),
   * an exchange after every local write (`kick`), and one every 30 s in case the live feed
   * stalled (a server restart). Push is one-shot so a failure is seen and reported as offline.
   */
  function live(current: Session): void {
    const pull = current.mirror.replicate.from(current.remote, {
      ...REPLICATION,
      live: true,
      retry: true,
      back_off_function: (delay) => (delay === 0 ? 1_000 : Math.min(delay * 2, 30_000)),
    });
    current.replication = pull;
    replicating = true;
    // Busy from the start (PouchDB says 'active' only once its first batch is read): the exchange
    // started below would otherwise pull the same feed beside it, every document twice.
    current.pulling = true;
    let received = 0;
    // The replication is also a promise; it rejects when it ends in an error (reported below).
    pull.catch(() => {});
    pull
      .on('active', () => {
        current.pulling = true;
      })
      .on('change', (info) => {
        received += (info as { docs?: unknown[] } | undefined)?.docs?.length ?? 0;
        void round(current);
      })
      .on('paused', (error) => {
        current.pulling = false;
        const many = received > OVERLAP;
        received = 0;
        if (error || session !== current || status.state === 'offline') return;
        // After many (a first sync down), an exchange: the push of the mirror's new documents
        // (the server has them all, the replicator still asks) runs now, before the status says
        // "Up to date", not at the next timer while the reader saves (4–13 s a save at 10,000).
        if (many) void exchange(current);
        else void round(current);
      })
      .on('denied', (error) => void denied(error))
      .on('error', () => {
        replicating = false;
        current.pulling = false;
        void exchange(current);
      });
    current.timer = setInterval(() => void exchange(current), 30_000);
    void exchange(current);
  }

  async function connect(config: SyncConfig): Promise<void> {
    await disconnect();
    await report({
      ...OFF_STATUS,
      state: 'connecting',
      user: config.user,
      database: config.database,
      server: config.server,
      skipped: status.database === config.database ? status.skipped : 0,
      skippedExamples: status.database === config.database ? status.skippedExamples : [],
      denied: status.database === config.database ? status.denied : 0,
      deniedExamples: status.database === config.database ? status.deniedExamples : [],
    });
    const refused = await preflight(config);
    if (refused === 'offline') {
      retryLater();
      return void (await report({ state: 'offline' }));
    }
    retryDelay = 2_000;
    if (refused) return void (await report({ state: 'refused', reason: refused }));
    const mirror = new PouchDB(mirrorName(config));
    const remote = new PouchDB(`${config.server}/${encodeURIComponent(config.database)}`, {
      auth: { username: config.user, password: config.password },
      skip_setup: true,
      fetch: (url, init) => options.fetch(url, init),
    });
    const current: Session = {
      config,
      mirror,
      remote,
      bridge: createBridge({
        db,
        local: mirror,
        user: config.user,
        onApplied: options.onApplied,
        onInvalid: (id, reason) =>
          void report({
            skipped: status.skipped + 1,
            skippedExamples: [...status.skippedExamples, { id: id.slice(0, 200), reason }].slice(
              0,
              10,
            ),
          }),
      }),
    };
    session = current;
    // A new mirror compares every local claim and page with the server's.
    const queuedKey = `${mirrorName(config)}:queued`;
    if (!(await storage.get(queuedKey))[queuedKey]) {
      await current.bridge.queueAll();
      await storage.set({ [queuedKey]: true });
    }
    await report({ state: 'syncing', pending: await current.bridge.pending() });
    live(current);
  }

  async function disconnect(): Promise<Session | undefined> {
    clearTimeout(retry);
    const current = session;
    session = undefined;
    replicating = false;
    if (!current) return undefined;
    current.replication?.cancel();
    clearInterval(current.timer);
    clearTimeout(exchangeTimer);
    await work.catch(() => {});
    await exchanging.catch(() => {});
    await current.remote.close().catch(() => {});
    return current;
  }

  async function readConfig(): Promise<SyncConfig | null> {
    return parseSyncConfig((await storage.get(SYNC_CONFIG_KEY))[SYNC_CONFIG_KEY]);
  }

  function sameConfig(a: SyncConfig, b: SyncConfig): boolean {
    return (
      a.server === b.server &&
      a.database === b.database &&
      a.user === b.user &&
      a.password === b.password &&
      a.since === b.since
    );
  }

  async function apply(): Promise<void> {
    const config = await readConfig();
    if (!config) {
      const stopped = await disconnect();
      if (stopped) await forget(stopped);
      else if (status.state !== 'off') await report({ ...OFF_STATUS });
      return;
    }
    if (session && sameConfig(session.config, config) && replicating) return;
    if (session && sameConfig(session.config, config)) {
      session.replication?.cancel();
      clearInterval(session.timer);
      live(session);
      return;
    }
    await connect(config);
  }

  async function forget(stopped: Session): Promise<void> {
    await stopped.mirror.destroy().catch(() => {});
    const queuedKey = `${mirrorName(stopped.config)}:queued`;
    await storage.set({ [queuedKey]: false });
    await db.transaction('rw', db.syncOutbox, db.syncRevs, async () => {
      await db.syncOutbox.clear();
      await db.syncRevs.clear();
    });
    await report({ ...OFF_STATUS });
  }

  function serially(task: () => Promise<void>): Promise<void> {
    const next = (starting ?? Promise.resolve()).then(task, task);
    starting = next.catch(() => {});
    return next;
  }

  return {
    start: () => serially(apply),
    catchUp: () =>
      serially(async () => {
        if (!session || !replicating) return apply();
        await exchange(session);
      }),
    kick() {
      if (session) void exchange(session);
    },
    stop: () =>
      serially(async () => {
        const stopped = await disconnect();
        if (stopped) await forget(stopped);
        else await report({ ...OFF_STATUS });
      }),
    status: () => status,
    async settled() {
      await starting;
      await exchanging;
      await work;
    },
  };
}

function basic(config: SyncConfig): string {
  const bytes = new TextEncoder().encode(`${config.user}:${config.password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
