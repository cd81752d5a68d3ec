/**
 * Escaping page text (quotes, notes, titles) so that it renders as itself in CommonMark/GFM and
 * common Markdown apps (Obsidian, GitHub), and can never open a link, an image, raw HTML, a code
 * block or a heading, nor close the claim it belongs to. Pure.
 *
 * Per line:
 * - leading and trailing whitespace is dropped: indentation would open a code block and two
 *   trailing spaces a hard break, and neither carries meaning in rendered Markdown;
 * - everywhere: `\` `` ` `` `*` `_` `~` `[` `]` `<` `>` `|` `$` get a backslash (emphasis, code,
 *   links and images, HTML and autolinks, tables, blockquotes, and Obsidian/pandoc `$…$` math,
 *   which money figures would otherwise trigger); `&` only where it would start an entity
 *   (`&amp;`, `&#60;`); `!` and `(` `)` need nothing once `[` and `]` are escaped;
 * - at line start: `#` (headings), `-` `+` `=` (lists, setext underlines, thematic breaks) and the
 *   `.`/`)` of `1.` / `1)` (ordered lists).
 */

const INLINE = /[\\`*_~[\]<>|$]|&(?=#?[a-z0-9]+;)/gi;

export function escapeMarkdown(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeLine)
    .join('\n');
}

function escapeLine(line: string): string {
  return line
    .trim()
    .replace(INLINE, '\\$&')
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
