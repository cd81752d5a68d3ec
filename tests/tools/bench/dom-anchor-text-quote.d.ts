// dom-anchor-text-quote 4.0.2 ships no types; the part the bench uses.
declare module 'dom-anchor-text-quote' {
  export interface TextQuote {
    exact: string;
    prefix?: string;
    suffix?: string;
  }
  export function toRange(
    root: Node,
    selector: TextQuote,
    options?: { hint?: number },
  ): Range | null;
  export function toTextPosition(
    root: Node,
    selector: TextQuote,
    options?: { hint?: number },
  ): { start: number; end: number } | null;
}
