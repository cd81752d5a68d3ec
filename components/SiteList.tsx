import { useState } from 'preact/hooks';

export interface SiteListProps {
  sites: string[];
  /** Why the last address could not be added, or ''. */
  error: string;
  /** Add what the reader typed (a host name or any address on the site); true when it was added. */
  onAdd: (input: string) => boolean;
  onRemove: (site: string) => void;
}

/** The sites where Claimmark never runs: a list with Remove buttons and a field to add one. */
export function SiteList({ sites, error, onAdd, onRemove }: SiteListProps) {
  const [text, setText] = useState('');
  return (
    <div class="site-list">
      <form
        class="row"
        aria-label="Add a site"
        onSubmit={(event) => {
          event.preventDefault();
          if (onAdd(text)) setText('');
        }}
      >
        <label class="field grow">
          <span>Site or page address</span>
          <input
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="ft.com or https://www.ft.com/content/…"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'site-error' : undefined}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary">
          Add site
        </button>
      </form>
      {error ? (
        <p id="site-error" class="error" role="alert">
          {error}
        </p>
      ) : null}
      {sites.length === 0 ? (
        <p class="empty">No sites: Claimmark runs on every site.</p>
      ) : (
        <ul class="sites" aria-label="Sites where Claimmark never runs">
          {sites.map((site) => (
            <li key={site} class="site">
              <span>{site}</span>
              <button type="button" class="secondary" onClick={() => onRemove(site)}>
                Remove<span class="visually-hidden"> {site}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
