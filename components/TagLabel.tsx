export interface TagLabelProps {
  tag: string;
  /** The reader's colour for the tag (`#rrggbb`), shown as a swatch; the text keeps its contrast. */
  colour?: string;
}

/**
 * The reader's colour for `tag`, if any. Own keys only: a tag may be called `__proto__` or
 * `constructor`, and `colours[tag]` would then read Object.prototype.
 */
export function tagColour(
  colours: Readonly<Record<string, string>>,
  tag: string,
): string | undefined {
  return Object.hasOwn(colours, tag) ? colours[tag] : undefined;
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
