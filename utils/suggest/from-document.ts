/**
 * The DOM side of suggestions: Readability's article, as paragraphs of plain text, for the pure
 * detector (`suggestClaims`). Readability runs on a deep clone — it rewrites the tree it is given —
 * so the live page is never touched. Call it only when the reader asks for suggestions.
 */
import { Readability } from '@mozilla/readability';
import { list } from './text';
import type { Article } from './types';

/** Elements that start a new paragraph. Inline elements (a, em, span, …) join their neighbours. */
const BLOCKS = new Set(
  list(
    'ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BR|DD|DETAILS|DIV|DL|DT|FIGCAPTION|FIGURE|FOOTER|FORM|' +
      'H1|H2|H3|H4|H5|H6|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|SUMMARY|TABLE|TBODY|TD|TFOOT|' +
      'TH|THEAD|TR|UL',
  ),
);
/** Never text a reader sees. */
const SKIP = new Set(list('SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SVG|MATH|BUTTON'));

/** Readability's article of `doc` as paragraphs (whitespace collapsed) and its language. */
export function articleOf(doc: Document): Article & { lang: string } {
  let root: Node | null | undefined;
  let lang: string | null | undefined;
  try {
    const parsed = new Readability<Node>(doc.cloneNode(true) as Document, {
      serializer: (node) => node,
    }).parse();
    root = parsed?.content;
    lang = parsed?.lang;
  } catch {
    root = null; // e.g. a document without a <body>
  }
  const { paragraphs, blockquotes } = paragraphsOf(root ?? doc.body);
  return {
    paragraphs,
    lang: (lang || doc.documentElement?.getAttribute('lang') || '').trim(),
    blockquotes,
  };
}

/** The text of `root` split at block boundaries; `blockquotes` lists paragraphs inside one. */
export function paragraphsOf(root: Node | null | undefined): Required<Omit<Article, 'lang'>> {
  const paragraphs: string[] = [];
  const blockquotes: number[] = [];
  let buffer = '';
  let inQuote = 0;
  const flush = (): void => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    buffer = '';
    if (!text) return;
    if (inQuote > 0) blockquotes.push(paragraphs.length);
    paragraphs.push(text);
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      buffer += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : '';
    if (SKIP.has(tag)) return;
    const block = BLOCKS.has(tag);
    if (block) flush();
    if (tag === 'BLOCKQUOTE') inQuote++;
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) flush();
    if (tag === 'BLOCKQUOTE') inQuote--;
  };
  if (root) walk(root);
  flush();
  return { paragraphs, blockquotes };
}
