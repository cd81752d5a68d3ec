/**
 * The part of PouchDB's API the sync code uses, typed here (PouchDB ships no types). The real
 * library (pouchdb-browser) is passed in by the background and by the tests: this folder never
 * imports it, so extension pages that open Dexie do not carry it.
 */

export interface PouchError {
  status?: number;
  name?: string;
  reason?: string;
  message?: string;
}

export interface PouchDocMeta {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  _conflicts?: string[];
}

export type PouchDoc = PouchDocMeta & Record<string, unknown>;

export interface AllDocsRow {
  id?: string;
  key: string;
  value?: { rev: string; deleted?: boolean };
  doc?: PouchDoc | null;
  error?: string;
}

export interface ChangesResult {
  results: {
    id: string;
    seq: number | string;
    deleted?: boolean;
    doc?: PouchDoc;
    /** The leaf revision(s) of the change (the winner, without `style: 'all_docs'`). */
    changes?: { rev: string }[];
  }[];
  last_seq: number | string;
}

export interface BulkResult {
  ok?: boolean;
  id?: string;
  rev?: string;
  error?: string | boolean;
  status?: number;
  reason?: string;
}

export interface EventEmitterLike {
  on(event: string, listener: (...args: unknown[]) => void): this;
  cancel(): void;
}

export interface ReplicationInfo {
  docs_read?: number;
  docs_written?: number;
  pending?: number;
  doc_write_failures?: number;
  direction?: 'push' | 'pull';
  change?: { docs_read?: number; docs_written?: number; pending?: number; errors?: unknown[] };
}

export interface PouchDatabase {
  info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
  get(id: string, options?: { rev?: string; conflicts?: boolean }): Promise<PouchDoc>;
  put(doc: Record<string, unknown>): Promise<{ ok: boolean; id: string; rev: string }>;
  remove(id: string, rev: string): Promise<{ ok: boolean; rev: string }>;
  bulkDocs(docs: Record<string, unknown>[]): Promise<BulkResult[]>;
  allDocs(options: {
    keys?: string[];
    include_docs?: boolean;
    conflicts?: boolean;
  }): Promise<{ rows: AllDocsRow[] }>;
  changes(options: {
    since?: number | string;
    limit?: number;
    include_docs?: boolean;
    conflicts?: boolean;
    live?: boolean;
  }): Promise<ChangesResult> & EventEmitterLike;
  sync(
    remote: PouchDatabase,
    options: {
      live?: boolean;
      retry?: boolean;
      batch_size?: number;
      back_off_function?: (n: number) => number;
    },
  ): Promise<unknown> & EventEmitterLike;
  replicate: {
    to(
      remote: PouchDatabase,
      options?: { batch_size?: number; live?: boolean },
    ): Promise<unknown> & EventEmitterLike;
    from(
      remote: PouchDatabase,
      options: {
        live?: boolean;
        retry?: boolean;
        batch_size?: number;
        back_off_function?: (n: number) => number;
      },
    ): Promise<unknown> & EventEmitterLike;
  };
  close(): Promise<void>;
  destroy(): Promise<void>;
}

export interface PouchOptions {
  auth?: { username: string; password: string };
  skip_setup?: boolean;
  fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
}

/** `new PouchDB(name, options)`: a local database by name, or a remote one by URL. */
export type PouchFactory = new (name: string, options?: PouchOptions) => PouchDatabase;
