import './UpdatedBanner.css';

export interface UpdatedBannerProps {
  /** Reload the page (or close the popup) so the new version's code runs. */
  onReopen: () => void;
}

/** Shown when a newer Claimmark upgraded the database under this open page: it must reopen. */
export function UpdatedBanner({ onReopen }: UpdatedBannerProps) {
  return (
    <div class="updated-banner" role="alert">
      <p>Claimmark was updated. Reopen this page to keep working with your claims.</p>
      <button type="button" onClick={onReopen}>
        Reopen
      </button>
    </div>
  );
}
