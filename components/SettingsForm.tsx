import type { ClaimType } from '../utils/core/model';
import { TypePicker } from './TypePicker';

export interface SettingsFormProps {
  defaultType: ClaimType;
  hideHighlights: boolean;
  onDefaultType: (type: ClaimType) => void;
  onHideHighlights: (hide: boolean) => void;
}

/** The default claim type and the switch that hides highlights on every page. */
export function SettingsForm(props: SettingsFormProps) {
  return (
    <>
      <section class="setting" aria-labelledby="default-type-heading">
        <h2 id="default-type-heading">Default type</h2>
        <p class="hint" id="default-type-hint">
          Pre-selected in the toolbar when the selection suggests no type. Money and percentages
          still start as Figure, words in quotation marks as Quote, dates as Date.
        </p>
        <TypePicker value={props.defaultType} onChange={props.onDefaultType} name="default-type" />
      </section>
      <section class="setting" aria-labelledby="highlights-heading">
        <h2 id="highlights-heading">Highlights</h2>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={props.hideHighlights}
            aria-describedby="hide-highlights-hint"
            onChange={(event) => props.onHideHighlights(event.currentTarget.checked)}
          />
          <span>Hide highlights</span>
        </label>
        <p class="hint" id="hide-highlights-hint">
          Pages show no highlights while this is on; your claims are kept and come back when you
          switch it off. Open pages change at once.
        </p>
      </section>
    </>
  );
}
