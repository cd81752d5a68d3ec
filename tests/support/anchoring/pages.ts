/**
 * Test helpers for anchoring: load fixture pages into JSDOM (scripts off), find text, and edit
 * pages the way newsrooms do between two visits.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Selector } from '../../../utils/core/model';
import { describe as describeRange } from '../../../utils/page/anchoring/describe';
import { buildTextModel, rangeFromOffsets } from '../../../utils/page/anchoring/text-model';

// Vitest runs from the project root.
const pagesDir = resolve(process.cwd(), 'tests/fixtures/pages') + '/';
const parsed = new Map<string, Document>();

/**
 * A fresh copy of `tests/fixtures/pages/<name>/source.html` (scripts do not run). Each page is
 * parsed once and cloned per call: cloning is several times faster than parsing.
 */
export function loadPage(name: string): Document {
  let doc = parsed.get(name);
  if (!doc) {
    const source = readFileSync(`${pagesDir}${name}/source.html`, 'utf8');
    // A silent console: jsdom cannot parse some of the pages' CSS and says so.
    const options = { url: 'https://example.com/', virtualConsole: new VirtualConsole() };
    doc = new JSDOM(source, options).window.document;
    parsed.set(name, doc);
  }
  return doc.cloneNode(true) as Document;
}

/** A document from a snippet of body HTML. */
export function fromHtml(body: string): Document {
  return new JSDOM(`<!DOCTYPE html><body>${body}</body>`, { url: 'https://example.com/' }).window
    .document;
}

/** Text-model offsets of the `nth` occurrence of `quote` under root. */
export function offsetsOf(root: Element, quote: string, nth = 0): { start: number; end: number } {
  const { text } = buildTextModel(root);
  let start = text.indexOf(quote);
  for (let i = 0; i < nth && start !== -1; i++) start = text.indexOf(quote, start + 1);
  if (start === -1) throw new Error(`not on the page: ${quote}`);
  return { start, end: start + quote.length };
}

/** A Range over the `nth` occurrence of `quote` in the text model. */
export function rangeOf(root: Element, quote: string, nth = 0): Range {
  const { start, end } = offsetsOf(root, quote, nth);
  const range = rangeFromOffsets(buildTextModel(root), start, end);
  if (!range) throw new Error(`no range for: ${quote}`);
  return range;
}

/** The selectors a reader saves by selecting the `nth` occurrence of `quote`. */
export function selectorsOf(root: Element, quote: string, nth = 0): Selector[] {
  const selectors = describeRange(root, rangeOf(root, quote, nth));
  if (!selectors) throw new Error(`describe failed: ${quote}`);
  return selectors;
}
