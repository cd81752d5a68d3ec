/**
 * One claim as a Markdown quote with its source, for pasting into a memo. Pure.
 *
 *   > $17 billion
 *   >
 *   > — [Page title](<url>) #figure #tiktok
 *
 * followed by the note, if any.
 */
import type { Annotation } from './model';
import { escapeMarkdown } from './export/markdown-escape';

export function claimAsMarkdown(
  annotation: Pick<Annotation, 'quote' | 'type' | 'tags' | 'note' | 'url'>,
  title: string,
  link: string = annotation.url,
): string {
  const tags = [annotation.type, ...annotation.tags]
    .map((t) => `#${t.replace(/\s+/g, '-').replace(/[^\p{L}\p{N}_/-]/gu, '')}`)
    .join(' ');
  const source = /^https?:\/\//i.test(link)
    ? `[${escapeMarkdown(title || annotation.url)}](<${link.replace(/[<>\s]/g, encodeURIComponent)}>)`
    : escapeMarkdown(title || annotation.url);
  const quote = annotation.quote
    .split('\n')
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join('\n');
  const lines = [quote, '>', `> — ${source} ${tags}`];
  if (annotation.note.trim()) {
    lines.push('', annotation.note.split('\n').map(escapeMarkdown).join('  \n'));
  }
  return `${lines.join('\n')}\n`;
}
