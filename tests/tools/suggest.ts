/**
 * `npm run suggest -- PAGE.html [--all]`: the claim suggestions for a saved page, one JSON object a
 * line (`{"type","text","speaker"?}`), through the extension's own path: the page in jsdom, then
 * `articleOf` (Readability on a clone) and `suggestClaims`. `--all` prints every field
 * (paragraph, offsets, sentence).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { articleOf } from '../../utils/suggest/from-document';
import { suggestClaims, type Suggestion } from '../../utils/suggest/index';

/** A saved page as the content script would see it (scripts off, CSS noise silenced). */
export function loadPage(path: string): Document {
  const html = readFileSync(path, 'utf8');
  const url = pathToFileURL(resolve(path)).href;
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
}

export function suggestionsFor(path: string): Suggestion[] {
  return suggestClaims(articleOf(loadPage(path)));
}

function main(args: string[]): void {
  const all = args.includes('--all');
  const files = args.filter((a) => !a.startsWith('--'));
  if (!files.length) {
    console.error('usage: npm run suggest -- PAGE.html [--all]');
    process.exit(2);
  }
  for (const file of files) {
    for (const s of suggestionsFor(file)) {
      const line = all
        ? s
        : { type: s.type, text: s.text, ...(s.speaker ? { speaker: s.speaker } : {}) };
      console.log(JSON.stringify(line));
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
