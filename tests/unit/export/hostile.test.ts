/**
 * Every export with the hostile corpus (tests/fixtures/hostile.ts) as quotes, notes, tags,
 * titles, bylines, site names and URLs. Per format:
 * - JSON backup and W3C: export → UTF-8 → parseImport gives the same records; what the format
 *   cannot carry (lone surrogates: no UTF-8 file can hold them) is replaced by U+FFFD with a
 *   warning, and what the importer's limits refuse (1 MB quotes, non-http URLs) is refused with a
 *   reason — never changed silently;
 * - Markdown (with and without front matter, with deep links) and the one-claim copy: no raw HTML,
 *   no link or image from quotes, notes or titles, only http(s) link targets, text readable back
 *   as written (lines trimmed), front matter valid YAML that a title cannot close;
 * - CSV: an RFC 4180 reader gives back the exact text, formula cells neutralised.
 * And no `__proto__` anywhere reaches Object.prototype.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { claimAsMarkdown } from '../../../utils/export/claim-markdown';
import { toCsv, CSV_COLUMNS } from '../../../utils/export/csv';
import { exportLibrary } from '../../../utils/export/index';
import { toBackupJson } from '../../../utils/export/json';
import { toMarkdown } from '../../../utils/export/markdown';
import { dateOnly, hasLoneSurrogate, utcTime, wellFormed } from '../../../utils/export/text';
import { toW3C } from '../../../utils/export/w3c';
import { yamlString } from '../../../utils/export/yaml';
import { parseImport } from '../../../utils/import';
import type { Annotation, Page } from '../../../utils/core/model';
import { collapseWhitespace, normalizeTags } from '../../../utils/core/model';
import { normalizeUrl } from '../../../utils/core/url';
import { HOSTILE_TAGS, HOSTILE_TEXT, HOSTILE_URLS, type HostileCase } from '../../fixtures/hostile';
import { claim, page } from '../../support/demo';
import { parseCsv } from '../../tools/csv';

/** Beyond the shared corpus: characters YAML and Markdown links are picky about. */
const EXTRA_TEXT: readonly HostileCase[] = [
  { name: 'yaml non-characters', text: 'non\uFFFEchar\uFFFF end' },
  { name: 'yaml line breaks', text: 'nel\u0085 ls\u2028 ps\u2029 del\u007F c1\u009B' },
  { name: 'front matter closer', text: 'x\n---\n<script>y</script>\n...' },
  { name: 'html comment closer', text: 'end --> <!-- claim x -->' },
  { name: 'trailing backslash', text: 'ends with a backslash \\' },
  { name: 'csv formula tab', text: '\t=cmd|"/C calc"!A0' },
  { name: 'csv formula carriage return', text: '\r=1+1' },
];
const TEXTS: readonly HostileCase[] = [...HOSTILE_TEXT, ...EXTRA_TEXT];
const EXTRA_URLS: readonly HostileCase[] = [
  { name: 'backslash in query', text: 'https://news.test/?q=a\\' },
  { name: 'uppercase javascript', text: 'JaVaScRiPt:alert(1)' },
  { name: 'file url', text: 'file:///home/me/a<b>.html' },
];
const URLS: readonly HostileCase[] = [...HOSTILE_URLS, ...EXTRA_URLS];
const MB = 1024 * 1024;
/** Importer limits (utils/protocol/to-background.ts LIMITS, utils/core/validate.ts): bigger texts are refused. */
const QUOTE_LIMIT = 100_000;
const TITLE_LIMIT = 1_000;
const TAGS = normalizeTags(HOSTILE_TAGS);
const YAML_BREAKER = TEXTS.find((c) => c.name === 'yaml breaker')!.text;

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => {
  // Nothing read or written may have reached Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

/** One page per hostile text (as title, byline, site) and per hostile URL, one claim on each. */
function hostileLibrary(): { pages: Page[]; annotations: Annotation[] } {
  const pages: Page[] = [];
  const annotations: Annotation[] = [];
  TEXTS.forEach(({ text }, i) => {
    const url = `https://news.test/story/${i}`;
    pages.push(page({ url, title: text, byline: text, siteName: text, lang: 'en' }));
    annotations.push(
      claim({
        id: id(i),
        url,
        quote: collapseWhitespace(text),
        selectors: [
          { type: 'TextQuoteSelector', exact: text, prefix: `${text.slice(0, 40)} `, suffix: '' },
          { type: 'TextPositionSelector', start: 10, end: 10 + text.length },
        ],
        type: 'quote',
        tags: TAGS,
        note: text,
        created: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
        updated: new Date(Date.UTC(2025, 0, 2, 0, i)).toISOString(),
      }),
    );
  });
  URLS.forEach(({ text }, j) => {
    const i = 100 + j;
    const url = normalizeUrl(text);
    pages.push(page({ url, title: `Page ${j} <b>${text}</b>`, siteName: text }));
    annotations.push(
      claim({
        id: id(i),
        url,
        quote: `claim on ${text}`,
        note: text,
        tags: ['url'],
        created: new Date(Date.UTC(2025, 1, 1, 0, j)).toISOString(),
        updated: new Date(Date.UTC(2025, 1, 1, 0, j)).toISOString(),
        anchor: { status: 'approximate', at: '2025-03-01T00:00:00.000Z', text: text },
      }),
    );
  });
  return { pages, annotations };
}

/** Every string in a value passed through `wellFormed` (what a UTF-8 file keeps). */
function wellFormedDeep<T>(value: T): T {
  if (typeof value === 'string') return wellFormed(value) as T;
  if (Array.isArray(value)) return value.map(wellFormedDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wellFormedDeep(v)])) as T;
  }
  return value;
}

function countLoneSurrogateStrings(value: unknown): number {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? 1 : 0;
  if (Array.isArray(value))
    return value.reduce((n: number, v) => n + countLoneSurrogateStrings(v), 0);
  if (value && typeof value === 'object') return countLoneSurrogateStrings(Object.values(value));
  return 0;
}

/** What a download and a file picker do to the text: UTF-8 out and back. */
function throughUtf8(text: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const isHttp = (url: string) => /^https?:\/\//i.test(url);
const isPage = (url: string) => /^(https?|file):\/\/\S/i.test(url);

describe('JSON backup with hostile records', () => {
  it('reads back every record as written; refuses only what the limits refuse, with reasons', async () => {
    const { pages, annotations } = hostileLibrary();
    const settings = JSON.parse(
      '{"defaultType":"figure","__proto__":{"polluted":true},"blockedSites":["<script>"]}',
    ) as Record<string, unknown>;
    const text = (await exportLibrary('json', { pages, annotations, settings })).text;
    expect(wellFormed(text)).toBe(text); // lone surrogates travel as \ud83d escapes
    expect(text).toContain('\\ud83d');
    expect(throughUtf8(text)).toBe(text);
    const parsed = await parseImport(throughUtf8(text));

    const pageOk = (p: Page) => isPage(p.url) && p.title.length <= TITLE_LIMIT;
    const claimOk = (a: Annotation) => isPage(a.url) && a.quote.length <= QUOTE_LIMIT;
    const keptPages = pages.filter(pageOk);
    const keptClaims = annotations.filter(claimOk);
    expect(parsed.pages.sort((a, b) => (a.url < b.url ? -1 : 1))).toEqual(
      wellFormedDeep(keptPages).sort((a, b) => (a.url < b.url ? -1 : 1)),
    );
    expect(parsed.annotations.sort(byId)).toEqual(wellFormedDeep(keptClaims).sort(byId));
    expect(parsed.settings).toEqual({ defaultType: 'figure', blockedSites: ['<script>'] });
    expect(Object.getPrototypeOf(parsed.settings)).toBe(Object.prototype);

    // Refused: exactly the records over the limits or off the web, each with a reason.
    const refusedClaims = annotations.filter((a) => !claimOk(a)).map((a) => a.id);
    const refusedPages = pages.filter((p) => !pageOk(p)).map((p) => p.url);
    expect(refusedClaims.length).toBeGreaterThan(3);
    expect(
      parsed.rejections
        .filter((r) => r.kind === 'annotation')
        .map((r) => r.id)
        .sort(),
    ).toEqual(refusedClaims.sort());
    expect(
      parsed.rejections
        .filter((r) => r.kind === 'page')
        .map((r) => r.id)
        .sort(),
    ).toEqual(refusedPages.map((u) => u.slice(0, 200)).sort());
    for (const r of parsed.rejections.filter((r) => r.kind !== 'settings')) {
      expect(r.reason).toMatch(
        /^(url must be an http\(s\) or file URL|exact is longer than 100000|title is longer than 1000)/,
      );
    }
    // Lone surrogates: replaced (UTF-8 cannot hold them) and said so, with the count.
    const fixed = countLoneSurrogateStrings([keptPages, keptClaims]);
    expect(fixed).toBeGreaterThan(0);
    expect(parsed.warnings).toContain(
      `${fixed} texts had broken characters (unpaired UTF-16 surrogates), replaced with �.`,
    );
  });

  it('keeps records without lone surrogates byte for byte, and twice gives the same file', async () => {
    const { pages, annotations } = hostileLibrary();
    const clean = {
      pages: pages.filter(
        (p) => isPage(p.url) && p.title.length <= TITLE_LIMIT && countLoneSurrogateStrings(p) === 0,
      ),
      annotations: annotations.filter(
        (a) => isPage(a.url) && a.quote.length <= QUOTE_LIMIT && countLoneSurrogateStrings(a) === 0,
      ),
    };
    const text = toBackupJson(clean.pages, clean.annotations);
    const parsed = await parseImport(text);
    expect(parsed.rejections).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(toBackupJson(parsed.pages, parsed.annotations)).toBe(text);
  });
});

describe('W3C annotations with hostile records', () => {
  it('reads back every claim as written (no anchoring state), refusing non-web sources', async () => {
    const { annotations } = hostileLibrary();
    const text = toW3C(annotations, { label: HOSTILE_TEXT[0]!.text });
    expect(wellFormed(text)).toBe(text);
    const json = JSON.parse(text) as { label: string };
    expect(json.label).toBe(HOSTILE_TEXT[0]!.text);
    const parsed = await parseImport(throughUtf8(text), { now: '2026-01-01T00:00:00.000Z' });

    const ok = (a: Annotation) => isPage(a.url) && a.quote.length <= QUOTE_LIMIT;
    const expected = wellFormedDeep(annotations.filter(ok)).map(
      ({ anchor: _anchor, ...rest }) => rest,
    );
    expect(parsed.annotations.sort(byId)).toEqual(expected.sort(byId));
    expect(parsed.rejections.map((r) => r.reason).sort()).toEqual(
      annotations
        .filter((a) => !ok(a))
        .map((a) =>
          isPage(a.url)
            ? `exact is longer than ${QUOTE_LIMIT} characters`
            : 'target source must be an http(s) or file URL',
        )
        .sort(),
    );
    expect(parsed.warnings.join('\n')).toMatch(/had broken characters/);
    // Pages are made from the sources; no text of the hostile ones becomes a page.
    expect(parsed.pages.every((p) => isPage(p.url))).toBe(true);
  });
});

/** ASCII punctuation: a backslash before one of these is an escape in CommonMark. */
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/** Characters of a line that would be Markdown syntax: not escaped by a backslash. */
function unescapedSyntax(line: string, specials = '<>[]`*_~|$'): string[] {
  const found: string[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length && ASCII_PUNCT.test(line[i + 1]!)) {
      i++;
      continue;
    }
    if (specials.includes(c)) found.push(`${c} at ${i} in ${JSON.stringify(line.slice(0, 80))}`);
    if (c === '&' && /^&#?[a-z0-9]+;/i.test(line.slice(i))) found.push(`entity at ${i}`);
  }
  return found;
}

/** Text as a Markdown reader shows it: backslash escapes removed. */
function unescape(line: string): string {
  return line.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** How Markdown keeps a text: lines trimmed, empty ones dropped (a blank line ends a paragraph). */
function markdownLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Every link target a Markdown reader could see: `](<dest>)`, `](dest)`, `<scheme:…>`. */
function linkTargets(md: string): string[] {
  const out: string[] = [];
  for (const m of md.matchAll(/(?<!\\)\]\(<([^<>\n]*)>\)|(?<!\\)\]\(([^)\s]*)\)/g))
    out.push(m[1] ?? m[2]!);
  for (const m of md.matchAll(/(?<!\\)<([a-z][a-z0-9+.-]{1,31}:[^<>\s]*)(?<!\\)>/gi))
    out.push(m[1]!);
  return out;
}

/** The line with our own link syntax taken out: `[text](<http…>)` → `text`. */
function withoutOwnLinks(line: string): string {
  return line
    .replace(/ · \[Open in page\]\(<https?:\/\/[^<>\s]*>\)$/, '')
    .replace(/^\[Open in page\]\(<https?:\/\/[^<>\s]*>\)$/, '')
    .replace(/^## \[(.*)\]\(<https?:\/\/[^<>\s]*>\)$/, '## $1')
    .replace(/^> — \[(.*)\]\(<https?:\/\/[^<>\s]*>\)( #.*)?$/, '> — $1$2');
}

/** The blocks of a Markdown export: claim id → its quote lines, tag line and note lines. */
function claimsOf(md: string): Map<string, { quote: string[]; tagLine: string; note: string[] }> {
  const out = new Map<string, { quote: string[]; tagLine: string; note: string[] }>();
  const parts = md.split(/^<!-- claim ([\w-]+) -->\n/m).slice(1);
  for (let i = 0; i < parts.length; i += 2) {
    const [quoteBlock, tagLine = '', ...rest] = parts[i + 1]!.split(/\n\n/);
    const note = rest.join('\n\n').split(/\n\n## /)[0]!;
    out.set(parts[i]!, {
      quote: quoteBlock!.split('\n'),
      tagLine,
      note: note.split('\n').filter(Boolean),
    });
  }
  return out;
}

/** A line's text without the hard break `\` that ends all but the last line of a paragraph. */
function dropHardBreak(line: string): string {
  let slashes = 0;
  while (line[line.length - 1 - slashes] === '\\') slashes++;
  return slashes % 2 === 1 ? line.slice(0, -1) : line;
}

describe('Markdown export with hostile records', () => {
  const { pages, annotations } = hostileLibrary();
  const variants = [
    { name: 'plain', options: {} },
    { name: 'front matter, no deep links', options: { frontMatter: true, deepLinks: false } },
    { name: 'front matter and deep links', options: { frontMatter: true, title: YAML_BREAKER } },
  ];

  for (const { name, options } of variants) {
    it(`${name}: no HTML, no link from the text, only http(s) targets`, () => {
      const md = toMarkdown(pages, annotations, options);
      const body = options.frontMatter ? md.slice(md.indexOf('\n---\n') + 5) : md;
      const problems: string[] = [];
      for (const raw of body.split('\n')) {
        if (/^<!-- claim [\w-]+ -->$/.test(raw)) continue;
        const line = withoutOwnLinks(raw).replace(/^> ?/, '');
        // Our hashtags (`#__proto__`) are tags, not text: `_` is allowed there.
        const text = /^#[\p{L}\p{M}\p{N}_-]/u.test(line)
          ? line.replace(/(^| )#[\p{L}\p{M}\p{N}_-]+/gu, '')
          : line;
        problems.push(...unescapedSyntax(text));
        if (
          /^ {0,3}(#{1,6}(\s|$)|[-+*]\s|\d+[.)]\s|={3,}|-{3,}|`{3}|~{3}|<)/.test(text) &&
          !/^#{1,2} /.test(raw)
        ) {
          problems.push(`block syntax: ${JSON.stringify(text.slice(0, 60))}`);
        }
      }
      expect(problems).toEqual([]);
      const targets = linkTargets(md);
      expect(targets.length).toBeGreaterThan(0);
      for (const target of targets) expect(target).toMatch(/^https?:\/\/[^\s<>]+$/);
      expect(md).not.toMatch(/(?<!\\)\]\(<?(javascript|data|vbscript):/i);
      // One comment per claim: no text opened or closed another.
      expect(md.match(/(?<!\\)<!--/g)).toHaveLength(annotations.length);
      expect(md.match(/-->/g)).toHaveLength(annotations.length);
    });
  }

  it('keeps quotes and notes readable as written (lines trimmed), each inside its claim', () => {
    const md = toMarkdown(pages, annotations);
    const blocks = claimsOf(md);
    expect([...blocks.keys()].sort()).toEqual(annotations.map((a) => a.id).sort());
    for (const a of annotations) {
      const block = blocks.get(a.id)!;
      expect(block.quote.every((l) => l === '>' || l.startsWith('> '))).toBe(true);
      const quote = block.quote
        .filter((l) => l !== '>')
        .map((l) => unescape(dropHardBreak(l.slice(2))));
      expect(quote, a.id).toEqual(markdownLines(a.quote));
      const note = block.note.map((l) => unescape(dropHardBreak(l)));
      expect(note, a.id).toEqual(markdownLines(a.note));
      expect(block.tagLine).toMatch(/^#quote|^#claim/);
    }
  });

  it('gives deep links whose text directive decodes to the quote', () => {
    const md = toMarkdown(pages, annotations);
    for (const [claimId, block] of claimsOf(md)) {
      const a = annotations.find((x) => x.id === claimId)!;
      const link = /\[Open in page\]\(<([^<>]*)>\)/.exec(block.tagLine)?.[1];
      if (!isHttp(a.url)) {
        expect(link).toBeUndefined();
        continue;
      }
      expect(link).toBeDefined();
      expect(() => new URL(link!)).not.toThrow();
      const directives = link!.slice(link!.indexOf(':~:') + 3).split('&');
      const bare = directives[directives.length - 1]!.replace(/^text=/, '').split(',');
      const terms = bare.map(decodeURIComponent);
      const quote = wellFormed(collapseWhitespace(a.quote));
      if (terms.length === 1) expect(terms[0]).toBe(quote);
      else {
        expect(quote.startsWith(terms[0]!)).toBe(true);
        expect(quote.endsWith(terms[1]!)).toBe(true);
      }
    }
  });

  it('writes front matter a YAML reader takes back as written, for every hostile page', () => {
    for (const p of pages) {
      const a = annotations.find((x) => x.url === p.url)!;
      const md = toMarkdown([p], [a], { frontMatter: true });
      const { data, rest } = readFrontMatter(md);
      expect(rest.startsWith('\n# Claimmark export')).toBe(true);
      expect(data.title).toBe(wellFormed(collapseWhitespace(p.title)));
      expect(data.url).toBe(wellFormed(p.url));
      if (p.byline) expect(data.author).toBe(wellFormed(collapseWhitespace(p.byline)));
      expect(data.site).toBe(wellFormed(collapseWhitespace(p.siteName)) || undefined);
      expect(data.tags).toEqual(
        a.type === 'quote'
          ? [
              '__proto__',
              'cmd',
              'constructor',
              'evil',
              'heading',
              expect.any(String),
              'quote',
              'script',
              'tag',
            ]
          : ['claim', 'url'],
      );
    }
    const many = readFrontMatter(
      toMarkdown(pages, annotations, { frontMatter: true, title: YAML_BREAKER }),
    );
    expect(many.data.title).toBe(collapseWhitespace(YAML_BREAKER));
  });

  it('escapes a 1 MB quote in reasonable time', () => {
    const big = claim({ quote: `<${'['.repeat(MB)}>`, note: '`'.repeat(MB) });
    const start = performance.now();
    const md = toMarkdown([], [big]);
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(unescapedSyntax(md.slice(md.indexOf('-->\n> ') + 6).split('\n\n#claim')[0]!)).toEqual(
      [],
    );
  });
});

/** The front matter as a strict YAML 1.2 reader of the subset we write would read it. */
function readFrontMatter(md: string): { data: Record<string, string | string[]>; rest: string } {
  const lines = md.split('\n');
  expect(lines[0]).toBe('---');
  const end = lines.indexOf('---', 1);
  expect(end).toBeGreaterThan(0);
  const data: Record<string, string | string[]> = Object.create(null) as Record<string, string>;
  let list: string[] | undefined;
  for (const line of lines.slice(1, end)) {
    let m: RegExpExecArray | null;
    if ((m = /^ {2}- (".*")$/.exec(line)) && list) list.push(yamlDoubleQuoted(m[1]!));
    else if ((m = /^([a-z][a-z0-9_-]*): (".*")$/i.exec(line))) {
      data[m[1]!] = yamlDoubleQuoted(m[2]!);
      list = undefined;
    } else if ((m = /^([a-z][a-z0-9_-]*): (\d{4}-\d{2}-\d{2})$/i.exec(line))) {
      data[m[1]!] = m[2]!;
      list = undefined;
    } else if ((m = /^([a-z][a-z0-9_-]*):$/i.exec(line))) {
      list = [];
      data[m[1]!] = list;
    } else throw new Error(`not YAML of the shape written: ${JSON.stringify(line.slice(0, 80))}`);
  }
  return { data, rest: lines.slice(end + 1).join('\n') };
}

const YAML_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/**
 * A YAML 1.2 double-quoted scalar on one line (§7.3.1): only printable characters (§5.1: tab,
 * 0x20–0x7E, 0x85, 0xA0–0xD7FF, 0xE000–0xFFFD, astral pairs), no raw line break of YAML 1.1
 * (NEL, LS, PS) or the BOM, no raw `"` or `\` except as escapes.
 */
function yamlDoubleQuoted(scalar: string): string {
  expect(scalar.startsWith('"') && scalar.endsWith('"') && scalar.length >= 2).toBe(true);
  const inner = scalar.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    const code = inner.codePointAt(i)!;
    const printable =
      code === 9 ||
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!printable)
      throw new Error(`not printable in YAML: U+${code.toString(16)} in ${scalar.slice(0, 60)}`);
    if (code >= 0x10000) {
      out += String.fromCodePoint(code);
      i++;
      continue;
    }
    if (c === '"') throw new Error(`unescaped " ends the scalar early: ${scalar.slice(0, 60)}`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = inner[++i];
    if (e === undefined) throw new Error('backslash at the end');
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hex) {
      const digits = inner.slice(i + 1, i + 1 + hex);
      if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) throw new Error(`bad \\${e} escape`);
      out += String.fromCodePoint(parseInt(digits, 16));
      i += hex;
    } else if (e in YAML_ESCAPES) out += YAML_ESCAPES[e];
    else throw new Error(`unknown escape \\${e}`);
  }
  return out;
}

describe('YAML strings', () => {
  it('reads back every hostile text exactly (lone surrogates as U+FFFD)', () => {
    for (const { name, text } of TEXTS) {
      expect(yamlDoubleQuoted(yamlString(text)), name).toBe(wellFormed(text));
    }
  });
});

/** What the CSV must hold for a text: UTF-8-safe, and a leading `'` before a formula start. */
function csvText(text: string): string {
  const safe = wellFormed(text);
  return /^[=+\-@\t\r]/.test(safe) ? `'${safe}` : safe;
}

describe('CSV export with hostile records', () => {
  for (const bom of [false, true]) {
    it(`gives back every text exactly, formulas neutralised${bom ? ' (with BOM)' : ''}`, () => {
      const { pages, annotations } = hostileLibrary();
      const text = toCsv(pages, annotations, { bom });
      expect(text.startsWith('\uFEFF')).toBe(bom);
      const rows = parseCsv(bom ? text.slice(1) : text);
      const header = rows[0]!;
      expect(header).toEqual([...CSV_COLUMNS]);
      expect(rows).toHaveLength(annotations.length + 1);
      const col = (name: string) => header.indexOf(name);
      for (const row of rows.slice(1)) {
        expect(row).toHaveLength(header.length);
        for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        const a = annotations.find((x) => x.id === row[col('id')])!;
        const p = pages.find((x) => x.url === a.url)!;
        expect(row[col('quote')]).toBe(csvText(a.quote));
        expect(row[col('note')]).toBe(csvText(a.note));
        expect(row[col('title')]).toBe(csvText(p.title));
        expect(row[col('site')]).toBe(csvText(p.siteName));
        expect(row[col('url')]).toBe(csvText(a.url));
        expect(row[col('tags')]).toBe(csvText(a.tags.join(', ')));
        const link = row[col('link')]!;
        if (isHttp(a.url)) expect(link).toMatch(/^https?:\/\/[^\s"<>]+$/);
        else expect(link).toBe('');
      }
      // Rows as objects keyed by the header: a `__proto__` tag is a value, never a key.
      const records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
      expect(records.every((r) => Object.getPrototypeOf(r) === Object.prototype)).toBe(true);
    });
  }
});

describe('text helpers with hostile input', () => {
  it('wellFormed replaces exactly the lone surrogates and keeps the length', () => {
    for (const { name, text } of [...TEXTS, ...URLS]) {
      const out = wellFormed(text);
      expect(out.length, name).toBe(text.length);
      expect(throughUtf8(out), name).toBe(out);
      expect(hasLoneSurrogate(text), name).toBe(name.startsWith('lone'));
      if (!name.startsWith('lone')) expect(out).toBe(text);
    }
  });

  it('dateOnly and utcTime never throw and give a date or nothing', () => {
    for (const { text } of [...TEXTS, ...URLS]) {
      expect(dateOnly(text)).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
      expect(utcTime(text) ?? '').toMatch(/^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)?$/);
    }
  });
});

describe('one claim copied as Markdown (claim-markdown.ts)', () => {
  const cases = TEXTS.flatMap(({ name, text }) =>
    URLS.map((url) => ({ name: `${name} @ ${url.name}`, text, url: url.text })),
  );

  it('never forms HTML, a link from the text, or a non-http link', () => {
    for (const { name, text, url } of cases) {
      const md = claimAsMarkdown(
        { quote: text, note: text, type: 'quote', tags: TAGS, url },
        text,
        url,
      );
      const lines = md.split('\n');
      // The quote, a `>` line and the source line are all inside the blockquote.
      const quoteLines = text.split(/\r\n|\r|\n/).length;
      expect(
        lines.slice(0, quoteLines + 2).every((l) => l.startsWith('>')),
        name,
      ).toBe(true);
      expect(lines[quoteLines + 1], name).toMatch(/^> — /);
      const problems = lines
        .map(withoutOwnLinks)
        .map((l) => l.replace(/( #[\p{L}\p{N}_/-]+)+$/u, ''))
        .flatMap((l) => unescapedSyntax(l.replace(/^> ?/, '')));
      expect(problems, name).toEqual([]);
      for (const target of linkTargets(md)) expect(target, name).toMatch(/^https?:\/\/[^\s<>\\]+$/);
      if (!isHttp(url)) expect(linkTargets(md), name).toEqual([]);
    }
  });

  it('keeps the quote and note readable as written', () => {
    for (const { name, text } of TEXTS) {
      const md = claimAsMarkdown(
        { quote: text, note: text, type: 'claim', tags: [], url: 'https://news.test/a' },
        'Title',
      );
      const [quotePart, notePart = ''] = md.split(/\n> — .*\n/);
      const quote = quotePart!
        .split('\n')
        .slice(0, -1)
        .map((l) => unescape(l.replace(/^> ?/, '')))
        .map((l) => l.trim())
        .filter(Boolean);
      expect(quote, name).toEqual(markdownLines(text));
      const note = notePart
        .split('\n')
        .map((l) => unescape(l.trim()))
        .filter(Boolean);
      expect(note, name).toEqual(markdownLines(text));
    }
  });
});
