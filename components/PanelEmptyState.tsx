export type UnavailableReason = 'browser-page' | 'blocked' | 'not-ready' | 'no-tab';

export interface PanelEmptyStateProps {
  reason: UnavailableReason;
  /** The site's host name, for a blocked site. */
  site: string;
  onOpenSettings: () => void;
  onReload: () => void;
}

/** What the side panel says on a page where Claimmark does not run, and what the reader can do. */
export function PanelEmptyState({ reason, site, onOpenSettings, onReload }: PanelEmptyStateProps) {
  if (reason === 'blocked') {
    return (
      <section class="empty-state" aria-labelledby="empty-heading">
        <h1 id="empty-heading">Claimmark is off on {site}</h1>
        <p>You chose to keep Claimmark away from this site, so it shows no claims here.</p>
        <button type="button" class="secondary" onClick={onOpenSettings}>
          Change in Settings
        </button>
      </section>
    );
  }
  if (reason === 'not-ready') {
    return (
      <section class="empty-state" aria-labelledby="empty-heading">
        <h1 id="empty-heading">Claimmark is not running on this page yet</h1>
        <p>The page was probably open before Claimmark was installed or updated.</p>
        <button type="button" class="secondary" onClick={onReload}>
          Reload the page
        </button>
      </section>
    );
  }
  return (
    <section class="empty-state" aria-labelledby="empty-heading">
      <h1 id="empty-heading">No article here</h1>
      <p>
        {reason === 'no-tab'
          ? 'Open an article to see its claims here.'
          : 'Browser pages such as settings, the new tab page or extension stores cannot hold claims. Open an article to see its claims here.'}
      </p>
    </section>
  );
}
