/**
 * Sync settings and status, kept in the extension's `storage.local` (never in synced data; a web
 * page cannot read it). Pure helpers: parsing untrusted stored values, the address rule, and the
 * sentence a person reads for each status.
 */

export const SYNC_CONFIG_KEY = 'syncConfig';
export const SYNC_STATUS_KEY = 'syncStatus';

export interface SyncConfig {
  /** Server address without a trailing slash: https://…, or http:// for localhost only. */
  server: string;
  database: string;
  user: string;
  password: string;
  /** When Connect was pressed (ms): pressing it again reconnects with the same settings. */
  since: number;
}

export type SyncState = 'off' | 'connecting' | 'syncing' | 'idle' | 'offline' | 'refused';
export type RefusalReason = 'password' | 'member' | 'missing' | 'server';

export interface SyncStatus {
  state: SyncState;
  reason?: RefusalReason;
  /** Changes on their way (outbox and replication), when syncing. */
  pending?: number;
  /** ISO time the last time everything was up to date. */
  lastSync?: string;
  /** Documents from the server that were refused (invalid), and the first few ids and reasons. */
  skipped: number;
  skippedExamples: { id: string; reason: string }[];
  /** Documents the server refused to take from here (its validate_doc_update). */
  denied: number;
  /** The first few of them: document id and the server's reason. */
  deniedExamples?: { id: string; reason: string }[];
  user?: string;
  database?: string;
  server?: string;
}

export const OFF_STATUS: SyncStatus = { state: 'off', skipped: 0, skippedExamples: [], denied: 0 };

const DATABASE = /^[a-z][a-z0-9_$()+/-]{0,237}$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A server address as typed → its normalized form, or the reason it cannot be used. */
export function checkServer(
  input: string,
): { ok: true; url: string } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: 'Enter the server address, such as https://couch.example.com.' };
  }
  if (url.username || url.password) {
    return { ok: false, error: 'Put the user name and password in their own fields.' };
  }
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    return {
      ok: false,
      error:
        'Use https:// — plain http:// would send your password in the clear (allowed only for localhost).',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: 'The address must start with https://.' };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

export function checkDatabase(name: string): string | null {
  return DATABASE.test(name)
    ? null
    : 'A CouchDB database name starts with a lower-case letter (a–z, 0–9, _$()+-/).';
}

export function parseSyncConfig(value: unknown): SyncConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const str = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;
  if (
    !str(r.server, 2_000) ||
    !str(r.database, 238) ||
    !str(r.user, 200) ||
    !str(r.password, 1_000)
  ) {
    return null;
  }
  const server = checkServer(r.server as string);
  if (!server.ok || checkDatabase(r.database as string)) return null;
  return {
    server: server.url,
    database: r.database as string,
    user: r.user as string,
    password: r.password as string,
    since: typeof r.since === 'number' ? r.since : 0,
  };
}

export function parseSyncStatus(value: unknown): SyncStatus {
  if (typeof value !== 'object' || value === null) return OFF_STATUS;
  const r = value as Record<string, unknown>;
  const states: SyncState[] = ['off', 'connecting', 'syncing', 'idle', 'offline', 'refused'];
  const reasons: RefusalReason[] = ['password', 'member', 'missing', 'server'];
  const count = (v: unknown) => (typeof v === 'number' && v >= 0 ? Math.floor(v) : 0);
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 2_000) : undefined);
  const examples = (v: unknown) =>
    (Array.isArray(v) ? v.slice(0, 10) : [])
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map((e) => ({ id: text(e.id) ?? '', reason: text(e.reason) ?? '' }));
  return {
    state: states.includes(r.state as SyncState) ? (r.state as SyncState) : 'off',
    ...(reasons.includes(r.reason as RefusalReason) ? { reason: r.reason as RefusalReason } : {}),
    ...(typeof r.pending === 'number' ? { pending: count(r.pending) } : {}),
    ...(text(r.lastSync) ? { lastSync: text(r.lastSync) } : {}),
    skipped: count(r.skipped),
    skippedExamples: examples(r.skippedExamples),
    denied: count(r.denied),
    deniedExamples: examples(r.deniedExamples),
    ...(text(r.user) ? { user: text(r.user) } : {}),
    ...(text(r.database) ? { database: text(r.database) } : {}),
    ...(text(r.server) ? { server: text(r.server) } : {}),
  };
}

const REASONS: Record<RefusalReason, string> = {
  password: 'Refused: wrong user name or password.',
  member: 'Refused: this user is not a member of this database.',
  missing: 'Refused: the database does not exist on this server.',
  server: 'Refused: this address does not answer as a CouchDB server.',
};

/** The status as a person reads it. `time` formats the time of the last sync. */
export function describeStatus(status: SyncStatus, time: (iso: string) => string): string {
  switch (status.state) {
    case 'off':
      return 'Not syncing. Your claims stay on this device.';
    case 'connecting':
      return 'Connecting…';
    case 'syncing':
      return status.pending ? `Syncing ${status.pending} changes…` : 'Connected, syncing…';
    case 'idle':
      return status.lastSync ? `Up to date (${time(status.lastSync)}).` : 'Connected, up to date.';
    case 'offline':
      return 'Offline, retrying. Your claims are saved here and go out when the server is back.';
    case 'refused':
      return REASONS[status.reason ?? 'server'];
  }
}
