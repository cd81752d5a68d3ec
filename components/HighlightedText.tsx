export interface HighlightedTextProps {
  text: string;
  /** Ranges [start, end) of `text` to mark, sorted and not overlapping. */
  ranges?: readonly (readonly [number, number])[];
}

/** Text with the parts a search matched in <mark>: built as nodes, never parsed as HTML. */
export function HighlightedText({ text, ranges = [] }: HighlightedTextProps) {
  if (ranges.length === 0) return <>{text}</>;
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > text.length) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
