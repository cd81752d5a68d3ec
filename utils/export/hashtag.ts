/**
 * The hashtag rule: how a claim's type and tags are written as `#words` in Markdown — the one
 * rule for Copy as Markdown (claim-markdown.ts) and the Markdown export (markdown.ts, body and
 * front matter). Pure.
 *
 * A tag is NFC-normalized, trimmed and lower-cased; whitespace becomes `-`; what is left is
 * letters, combining marks (Hindi निवेश keeps its vowel signs), digits, `_`, `-`, emoji and `/`
 * (Obsidian's nested tags: `m&a/deals` → `m&a` loses its `&`, `#ma/deals`). Runs of `/` become
 * one, and a leading or trailing `/` goes. A tag with nothing left is dropped.
 */

/** One character of a hashtag. */
const ALLOWED =
  /[\p{L}\p{M}\p{N}_\-/\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d]/u;
const NOT_ALLOWED = new RegExp(`(?!${ALLOWED.source})[^]`, 'gu');

/** A hashtag as written after `#`, for matching in tests and checks: `#` + this. */
export const HASHTAG_WORD = new RegExp(`${ALLOWED.source}+`, 'u');

/** `Q1 earnings!` → `q1-earnings`; `m&a/deals` → `ma/deals`; `???` → ``. */
export function hashtag(tag: string): string {
  return tag
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/\s+/gu, '-')
    .replace(NOT_ALLOWED, '')
    .replace(/\/{2,}/g, '/')
    .replace(/^\/|\/$/g, '');
}

/** A claim's type and tags as hashtag words (no `#`), empty ones dropped, each once, in order. */
export function hashtagsOf(claim: { type: string; tags: readonly string[] }): string[] {
  return [claim.type, ...claim.tags]
    .map(hashtag)
    .filter((t, i, all) => t !== '' && all.indexOf(t) === i);
}

/** `#figure #tiktok …`: the tag line of a claim. */
export function hashtagLine(claim: { type: string; tags: readonly string[] }): string {
  return hashtagsOf(claim)
    .map((t) => `#${t}`)
    .join(' ');
}
