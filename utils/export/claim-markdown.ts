/**
 * One claim as a Markdown quote with its source, for pasting into a memo. Pure.
 *
 *   > $17 billion
 *   >
 *   > — [Page title](<url>) #figure #tiktok
 *
 * followed by the note, if any.
 */
import type { Annotation } from '../core/model';
import { collapseWhitespace } from '../core/model';
import { escapeMarkdown } from './markdown-escape';
import { hashtagLine } from './hashtag';

export function claimAsMarkdown(
  annotation: Pick<Annotation, 'quote' | 'type' | 'tags' | 'note' | 'url'>,
  title: string,
  link: string = annotation.url,
): string {
  const tags = hashtagLine(annotation);
  // One line: a title's line breaks would leave the quote block (and could end the link).
  const name = escapeMarkdown(collapseWhitespace(title) || collapseWhitespace(annotation.url));
  const source = /^https?:\/\//i.test(link)
    ? `[${name}](<${link.replace(/[<>\s\\]/g, encodeURIComponent)}>)`
    : name;
  // Split on every line break (also a lone CR) so each line keeps its `> ` and the quote its block.
  const quote = annotation.quote
    .split(/\r\n|\r|\n/)
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join('\n');
  const lines = [quote, '>', `> — ${source} ${tags}`];
  if (annotation.note.trim()) {
    lines.push(
      '',
      annotation.note
        .split(/\r\n|\r|\n/)
        .map(escapeMarkdown)
        .join('  \n'),
    );
  }
  return `${lines.join('\n')}\n`;
}
