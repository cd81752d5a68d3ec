/**
 * `npm run bench:import`: reading other tools' files at scale, in Node.
 *
 * Synthetic files of 10,000 and 100,000 highlights (10 a page, realistic quote, note and tag
 * lengths) in each tool's shape — a Hypothesis sidebar export (with one reply and one page note in
 * 20 left out), an Obsidian Web Clipper export (HTML text), a Readwise-style CSV — read by
 * parseImport (the dry run's first step): file size, median time of 3 reads, and the longest gap
 * between ticks of a 1 ms timer (what would freeze a page). Then 200 quote-only claims anchored on
 * the largest fixture page (guardian-1) in jsdom. Prints a table and writes it to
 * .output/bench-import.md.
 *
 * BENCH_IMPORT_SIZES=10000,100000 (default) sets the sizes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseImport } from '../../utils/import';
import { anchor } from '../../utils/page/anchoring/anchor';
import { buildTextModel } from '../../utils/page/anchoring/text-model';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUTPUT = join(ROOT, '.output', 'bench-import.md');
const SIZES = (process.env.BENCH_IMPORT_SIZES ?? '10000,100000').split(',').map(Number);
const WORDS = 'revenue growth target billion quarter market share analysts expect shop sales'.split(
  ' ',
);

function sentence(i: number, words: number): string {
  const out: string[] = [];
  for (let w = 0; w < words; w++) out.push(WORDS[(i * 7 + w * 3) % WORDS.length]!);
  return `${out.join(' ')} ${i}.`;
}

const url = (i: number) => `https://news.example.com/story-${Math.floor(i / 10)}/`;

function hypothesis(n: number): string {
  const annotations = Array.from({ length: n }, (_, i) => ({
    id: `hyp${i.toString(36).padStart(19, '0')}`,
    created: '2025-03-06T10:00:00.000000+00:00',
    updated: '2025-03-06T11:30:00.000000+00:00',
    user: 'acct:analyst@hypothes.is',
    uri: url(i),
    text: i % 3 ? sentence(i, 20) : '',
    tags: ['tiktok', `tag${i % 50}`],
    group: '__world__',
    permissions: { read: ['group:__world__'], update: [], delete: [] },
    document: { title: [`Story ${Math.floor(i / 10)}`] },
    links: {},
    hidden: false,
    flagged: false,
    ...(i % 20 === 1 ? { references: ['x'] } : {}),
    target: [
      {
        source: url(i),
        ...(i % 20 === 2
          ? {}
          : {
              selector: [
                {
                  type: 'RangeSelector',
                  startContainer: '/div[1]/p[2]',
                  endContainer: '/div[1]/p[2]',
                  startOffset: 0,
                  endOffset: 60,
                },
                { type: 'TextPositionSelector', start: i * 10, end: i * 10 + 60 },
                {
                  type: 'TextQuoteSelector',
                  exact: sentence(i, 12),
                  prefix: sentence(i + 1, 6),
                  suffix: sentence(i + 2, 6),
                },
              ],
            }),
      },
    ],
  }));
  return JSON.stringify({
    export_date: '2025-04-01T09:00:00.000Z',
    export_userid: 'acct:a@hypothes.is',
    client_version: '1.0',
    annotations,
  });
}

function obsidian(n: number): string {
  const pages = Array.from({ length: Math.ceil(n / 10) }, (_, p) => ({
    url: url(p * 10),
    highlights: Array.from({ length: 10 }, (_, h) => {
      const i = p * 10 + h;
      return {
        text: `<p>${sentence(i, 12).replace('billion', '<strong>billion</strong>')}</p>`,
        timestamp: '2025-03-05T18:20:00.000Z',
        notes: i % 3 ? [sentence(i, 20)] : [],
      };
    }),
  }));
  return JSON.stringify(pages);
}

function csv(n: number): string {
  const rows = ['Highlight,Title,Author,URL,Note,Location,Date'];
  for (let i = 0; i < n; i++)
    rows.push(
      `"${sentence(i, 12)}",Story,Someone,${url(i)},"${i % 3 ? sentence(i, 20) : ''}",,2025-03-05`,
    );
  return rows.join('\r\n');
}

async function measure(text: string): Promise<{ ms: number; longest: number; claims: number }> {
  const times: number[] = [];
  let longest = 0;
  let claims = 0;
  for (let r = 0; r < 3; r++) {
    let last = performance.now();
    let gap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      gap = Math.max(gap, now - last);
      last = now;
    }, 1);
    const start = performance.now();
    const parsed = await parseImport(text);
    times.push(performance.now() - start);
    clearInterval(timer);
    longest = Math.max(longest, gap);
    claims = parsed.annotations.length;
  }
  times.sort((a, b) => a - b);
  return { ms: times[1]!, longest, claims };
}

const lines = [
  '| file | highlights | size | claims read | parse (median of 3) | longest task |',
  '|---|---:|---:|---:|---:|---:|',
];
for (const n of SIZES) {
  for (const [name, make] of [
    ['Hypothesis export', hypothesis],
    ['Obsidian Web Clipper', obsidian],
    ['Readwise CSV', csv],
  ] as const) {
    const text = make(n);
    const { ms, longest, claims } = await measure(text);
    lines.push(
      `| ${name} | ${n.toLocaleString('en-US')} | ${(text.length / 1e6).toFixed(1)} MB | ${claims.toLocaleString('en-US')} | ${Math.round(ms).toLocaleString('en-US')} ms | ${Math.round(longest)} ms |`,
    );
    process.stderr.write(`${lines.at(-1)}\n`);
  }
}

// Quote-only anchoring: 200 quotes of the page, no context or position.
const html = readFileSync(
  join(ROOT, 'tests', 'fixtures', 'pages', 'guardian-1', 'source.html'),
  'utf8',
);
const doc = new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
const model = buildTextModel(doc.body);
const quotes: string[] = [];
for (let i = 0; quotes.length < 200; i++) {
  const at = Math.floor((((i * 7919) % 997) / 997) * (model.text.length - 80));
  const q = model.text.slice(at, at + 20 + (i % 60)).trim();
  if (q.length > 10) quotes.push(q);
}
const start = performance.now();
let placed = 0;
let repeated = 0;
for (const exact of quotes) {
  const found = anchor(
    doc.body,
    [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }],
    model,
  );
  if (found) placed++;
  if (found?.placedByQuote) repeated++;
}
const anchorMs = performance.now() - start;
lines.push(
  '',
  `Quote-only anchoring, guardian-1 (${(model.text.length / 1e3).toFixed(0)} k characters of text), jsdom: 200 claims in ${Math.round(anchorMs)} ms (${placed} placed, ${repeated} placed by quote only).`,
);
const table = lines.join('\n');
process.stdout.write(`${table}\n`);
mkdirSync(join(ROOT, '.output'), { recursive: true });
writeFileSync(OUTPUT, `${table}\n`);
