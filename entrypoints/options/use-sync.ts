import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  checkDatabase,
  checkServer,
  describeStatus,
  parseSyncConfig,
  parseSyncStatus,
  SYNC_CONFIG_KEY,
  SYNC_STATUS_KEY,
  type SyncConfig,
  type SyncStatus,
} from '../../utils/store/sync/config';
import type { SyncFields } from '../../components/SyncForm';

const area = browser.storage.local;
const time = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Options → Sync: settings and status from storage.local; the background does the syncing. */
export function useSync() {
  const [config, setConfig] = useState<SyncConfig | null | undefined>(undefined);
  const [status, setStatus] = useState<SyncStatus>(parseSyncStatus(null));
  const [error, setError] = useState('');
  useEffect(() => {
    void area.get([SYNC_CONFIG_KEY, SYNC_STATUS_KEY]).then((stored) => {
      setConfig(parseSyncConfig(stored[SYNC_CONFIG_KEY]));
      setStatus(parseSyncStatus(stored[SYNC_STATUS_KEY]));
    });
    const listener = (changes: Record<string, { newValue?: unknown }>, name: string) => {
      if (name !== 'local') return;
      if (changes[SYNC_STATUS_KEY]) setStatus(parseSyncStatus(changes[SYNC_STATUS_KEY].newValue));
      if (changes[SYNC_CONFIG_KEY]) setConfig(parseSyncConfig(changes[SYNC_CONFIG_KEY].newValue));
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);

  function connect(fields: SyncFields): void {
    const server = checkServer(fields.server);
    if (!server.ok) return setError(server.error);
    const database = checkDatabase(fields.database.trim());
    if (database) return setError(database);
    if (!fields.user.trim() || !fields.password)
      return setError('Enter your user name and password.');
    setError('');
    void area.set({
      [SYNC_CONFIG_KEY]: {
        server: server.url,
        database: fields.database.trim(),
        user: fields.user.trim(),
        password: fields.password,
        since: Date.now(),
      },
    });
  }

  function stop(): void {
    void area.remove(SYNC_CONFIG_KEY);
  }

  return {
    loaded: config !== undefined,
    form: {
      connected: config
        ? { server: config.server, database: config.database, user: config.user }
        : null,
      status: describeStatus(config ? status : parseSyncStatus(null), time),
      skipped: config ? status.skipped : 0,
      denied: config ? status.denied : 0,
      deniedReason: (config && status.deniedExamples?.[0]?.reason) || '',
      error,
      onConnect: connect,
      onStop: stop,
    },
  };
}
