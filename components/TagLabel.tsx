export interface TagLabelProps {
  tag: string;
  /** The reader's colour for the tag (`#rrggbb`), shown as a swatch; the text keeps its contrast. */
  colour?: string;
}

/** A tag as `#name`, with its colour swatch when it has one. */
export function TagLabel({ tag, colour }: TagLabelProps) {
  return (
    <span class="tag">
      {colour ? (
        <span class="swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
      ) : null}
      #{tag}
    </span>
  );
}
