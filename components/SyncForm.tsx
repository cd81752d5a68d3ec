import { useState } from 'preact/hooks';

export interface SyncFields {
  server: string;
  database: string;
  user: string;
  password: string;
}

export interface SyncFormProps {
  /** The settings in use (password left out), or null when not syncing. */
  connected: Omit<SyncFields, 'password'> | null;
  /** The status sentence (utils/store/sync/config.ts describeStatus). */
  status: string;
  /** Documents from the server that were skipped as invalid (0 when none). */
  skipped: number;
  /** Changes from here the server refused (its design document), and its first reason, or ''. */
  denied: number;
  deniedReason: string;
  /** Why the fields cannot be used, or ''. */
  error: string;
  onConnect: (fields: SyncFields) => void;
  onStop: () => void;
}

/** Options → Sync: the CouchDB server, database and account, Connect, the status, Stop syncing. */
export function SyncForm(props: SyncFormProps) {
  const { connected, status, skipped, denied, deniedReason, error, onConnect, onStop } = props;
  const [fields, setFields] = useState<SyncFields>({
    server: connected?.server ?? '',
    database: connected?.database ?? '',
    user: connected?.user ?? '',
    password: '',
  });
  const field = (key: keyof SyncFields, label: string, type: string, placeholder: string) => (
    <label class="field">
      <span>{label}</span>
      <input
        type={type}
        name={key}
        autoComplete={key === 'password' ? 'current-password' : 'off'}
        spellcheck={false}
        placeholder={placeholder}
        required
        value={fields[key]}
        onInput={(event) => setFields({ ...fields, [key]: event.currentTarget.value })}
      />
    </label>
  );
  return (
    <div class="sync-form">
      <form
        aria-label="Connect to a CouchDB server"
        onSubmit={(event) => {
          event.preventDefault();
          onConnect(fields);
        }}
      >
        <div class="sync-fields">
          {field('server', 'Server address', 'url', 'https://couch.example.com')}
          {field('database', 'Database', 'text', 'claims-strategy-team')}
          {field('user', 'User name', 'text', 'alice')}
          {field('password', 'Password', 'password', '')}
        </div>
        <div class="row">
          <button type="submit" class="primary">
            {connected ? 'Reconnect' : 'Connect'}
          </button>
          {connected ? (
            <button type="button" class="secondary" onClick={onStop}>
              Stop syncing
            </button>
          ) : null}
        </div>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <p class="sync-status" role="status" aria-label="Sync status">
        {status}
      </p>
      {skipped > 0 ? (
        <p class="hint">
          {skipped === 1
            ? '1 document from the server was skipped: it is not a valid claim or page.'
            : `${skipped} documents from the server were skipped: they are not valid claims or pages.`}
        </p>
      ) : null}
      {denied > 0 ? (
        <p class="hint sync-denied">
          {denied === 1
            ? '1 change was refused by the server and stays on this device only'
            : `${denied} changes were refused by the server and stay on this device only`}
          {deniedReason ? `: ${deniedReason}` : '.'}
        </p>
      ) : null}
    </div>
  );
}
