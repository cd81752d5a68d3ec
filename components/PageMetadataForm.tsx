import { useState } from 'preact/hooks';

export interface PageMetadataValues {
  title: string;
  byline: string;
  siteName: string;
  /** `YYYY-MM-DD` or ''. */
  published: string;
}

export interface PageMetadataFormProps {
  /** The stored values; the form starts from them (give it a `key` to start again). */
  initial: PageMetadataValues;
  /** "Saved", or an error to show. */
  status: { text: string; error: boolean };
  onSave: (values: PageMetadataValues) => void;
}

const FIELDS: { key: keyof PageMetadataValues; label: string; type: string }[] = [
  { key: 'title', label: 'Title', type: 'text' },
  { key: 'byline', label: 'Author', type: 'text' },
  { key: 'siteName', label: 'Site', type: 'text' },
  { key: 'published', label: 'Published', type: 'date' },
];

/** The page's title, author, site and published date as recorded, correctable; saved on submit. */
export function PageMetadataForm({ initial, status, onSave }: PageMetadataFormProps) {
  const [values, setValues] = useState(initial);
  return (
    <details class="page-details">
      <summary>Edit page details</summary>
      <form
        class="fields"
        aria-label="Page details"
        onSubmit={(event) => {
          event.preventDefault();
          onSave(values);
        }}
      >
        {FIELDS.map(({ key, label, type }) => (
          <label key={key} class="field">
            <span>{label}</span>
            <input
              type={type}
              name={key}
              value={values[key]}
              onInput={(event) => setValues({ ...values, [key]: event.currentTarget.value })}
            />
          </label>
        ))}
        <div class="row">
          <button type="submit" class="primary">
            Save details
          </button>
          <p class={status.error ? 'status error' : 'status'} role="status">
            {status.text}
          </p>
        </div>
      </form>
    </details>
  );
}
