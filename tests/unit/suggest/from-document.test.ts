import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { articleOf } from '../../../utils/suggest/from-document';

const PARAGRAPH =
  'The company missed its goal of $17 billion in sales, people familiar with the matter said. ';

describe('articleOf', () => {
  it('gives Readability’s article as paragraphs, marks block quotes, and leaves the page alone', () => {
    const doc = new JSDOM(
      `<!doctype html><html lang="en-US"><head><title>T</title></head><body>
        <nav><a href="/">Home</a> <a href="/x">Sections</a></nav>
        <article><h1>TikTok Shop</h1>
          <p>${PARAGRAPH.repeat(3)}</p>
          <p>One unnamed employee stated,</p>
          <blockquote><p>No matter how hard we <em>work</em>, it feels like we’re falling short.</p></blockquote>
          <ul><li>First point of the list, long enough to be kept.</li><li>Second point.</li></ul>
          <p>${PARAGRAPH.repeat(3)}</p>
        </article><script>var x = "$1 billion";</script></body></html>`,
    ).window.document;
    const before = doc.body.innerHTML;
    const article = articleOf(doc);
    expect(doc.body.innerHTML).toBe(before);
    expect(article.lang).toBe('en-US');
    expect(article.paragraphs).toContain('One unnamed employee stated,');
    const quote = article.paragraphs.indexOf(
      'No matter how hard we work, it feels like we’re falling short.',
    );
    expect(quote).toBeGreaterThan(0);
    expect(article.blockquotes).toEqual([quote]);
    expect(article.paragraphs).toContain('Second point.');
    expect(article.paragraphs.join(' ')).not.toContain('$1 billion');
  });

  it('falls back to the body for a page Readability cannot read', () => {
    const doc = new JSDOM('<p>Short: $5 million.</p>').window.document;
    expect(articleOf(doc).paragraphs).toEqual(['Short: $5 million.']);
  });
});
