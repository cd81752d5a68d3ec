/**
 * `npm run eval:claims [DIR] [--pages] [--misses]`: precision and recall of the claim suggestions
 * per type against every labelled page in DIR (default tests/fixtures/claims). A label file is
 * `{ page, note, types?, claims: [{ type, text, speaker? }] }` with `page` relative to the file;
 * `types`, when present, limits the types labelled (and so evaluated) on that page.
 *
 * A suggestion is right when its text contains a label's text of the same type (case, whitespace
 * and quote/apostrophe style aside) and, for quotes, the speakers match: with titles ("Mr.") and
 * leading articles dropped, one contains the other as whole words ("Mr. Reeves" ~ "Eric Reeves"
 * does not match, "Reeves" ~ "Mr. Reeves" does, "Parata" ~ "Hori Parata" does).
 * Precision = right suggestions / suggestions; recall = labels found / labels.
 * Prints a table (and, with --pages, one per page; with --misses, what was missed and what was
 * wrong). Targets are printed, not enforced here: tests/unit/suggest/eval.test.ts guards them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SUGGESTION_TYPES, type Suggestion, type SuggestionType } from '../../utils/suggest/index';
import { suggestionsFor } from './suggest';

export interface Label {
  type: SuggestionType;
  text: string;
  speaker?: string;
}
interface LabelFile {
  page: string;
  note?: string;
  types?: SuggestionType[];
  claims: Label[];
}
export interface Score {
  labels: number;
  found: number;
  suggested: number;
  right: number;
  precision: number;
  recall: number;
}
export interface PageResult {
  name: string;
  scores: Record<SuggestionType, Score>;
  missed: Label[];
  wrong: Suggestion[];
}

export const TARGETS: Partial<Record<SuggestionType, { precision: number; recall: number }>> = {
  money: { precision: 0.85, recall: 0.9 },
  percent: { precision: 0.85, recall: 0.9 },
  date: { precision: 0.85, recall: 0.9 },
  quote: { precision: 0.8, recall: 0.8 },
};

export const DEFAULT_DIR = resolve(import.meta.dirname, '..', 'fixtures', 'claims');

const normalize = (s: string): string =>
  s
    .replace(/[’‘`]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const speakerWords = (s: string): string =>
  ` ${normalize(s)
    .replace(/[.,]/g, ' ')
    .replace(/^(?:(?:mr|mrs|ms|dr|m|mme|the|le|la|les|l'|el|los|las)\s+)+/, '')
    .replace(/\s+/g, ' ')
    .trim()} `;

export function speakerMatches(suggested: string | undefined, label: string | undefined): boolean {
  if (!label) return true;
  if (!suggested) return false;
  const a = speakerWords(suggested);
  const b = speakerWords(label);
  return a.trim() !== '' && b.trim() !== '' && (a.includes(b) || b.includes(a));
}

export function matches(s: Suggestion, l: Label): boolean {
  return (
    s.type === l.type &&
    normalize(s.text).includes(normalize(l.text)) &&
    (l.type !== 'quote' || speakerMatches(s.speaker, l.speaker))
  );
}

function score(labels: Label[], suggestions: Suggestion[]): Score {
  const found = labels.filter((l) => suggestions.some((s) => matches(s, l))).length;
  const right = suggestions.filter((s) => labels.some((l) => matches(s, l))).length;
  return {
    labels: labels.length,
    found,
    suggested: suggestions.length,
    right,
    precision: suggestions.length ? right / suggestions.length : labels.length ? 0 : 1,
    recall: labels.length ? found / labels.length : 1,
  };
}

export function evaluatePage(file: string): PageResult {
  const labels = JSON.parse(readFileSync(file, 'utf8')) as LabelFile;
  const types = labels.types ?? SUGGESTION_TYPES;
  const suggestions = suggestionsFor(join(dirname(file), labels.page)).filter((s) =>
    types.includes(s.type),
  );
  const scores = {} as Record<SuggestionType, Score>;
  for (const type of types) {
    scores[type] = score(
      labels.claims.filter((l) => l.type === type),
      suggestions.filter((s) => s.type === type),
    );
  }
  return {
    name: file
      .split('/')
      .pop()!
      .replace(/\.json$/, ''),
    scores,
    missed: labels.claims.filter((l) => !suggestions.some((s) => matches(s, l))),
    wrong: suggestions.filter((s) => !labels.claims.some((l) => matches(s, l))),
  };
}

export function evaluate(dir = DEFAULT_DIR): { pages: PageResult[]; total: Record<string, Score> } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
  const pages = files.map(evaluatePage);
  const total: Record<string, Score> = {};
  for (const type of SUGGESTION_TYPES) {
    const parts = pages.flatMap((p) => (p.scores[type] ? [p.scores[type]] : []));
    const sum = (k: 'labels' | 'found' | 'suggested' | 'right'): number =>
      parts.reduce((n, s) => n + s[k], 0);
    const [labels, found, suggested, right] = [
      sum('labels'),
      sum('found'),
      sum('suggested'),
      sum('right'),
    ];
    total[type] = {
      labels,
      found,
      suggested,
      right,
      precision: suggested ? right / suggested : labels ? 0 : 1,
      recall: labels ? found / labels : 1,
    };
  }
  return { pages, total };
}

function table(scores: Record<string, Score>): string {
  const rows = [['type', 'labels', 'suggested', 'right', 'precision', 'recall', 'target']];
  for (const [type, s] of Object.entries(scores)) {
    const t = TARGETS[type as SuggestionType];
    const ok = t ? (s.precision >= t.precision && s.recall >= t.recall ? 'met' : 'MISSED') : '';
    const target = t ? `P≥${t.precision} R≥${t.recall} ${ok}` : '—';
    rows.push([
      type,
      `${s.labels}`,
      `${s.suggested}`,
      `${s.right}`,
      s.precision.toFixed(2),
      s.recall.toFixed(2),
      target,
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string => `| ${r.map((v, c) => v.padEnd(widths[c]!)).join(' | ')} |`;
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

function main(args: string[]): void {
  const dir = resolve(args.find((a) => !a.startsWith('--')) ?? DEFAULT_DIR);
  const { pages, total } = evaluate(dir);
  if (args.includes('--pages') || args.includes('--misses')) {
    for (const p of pages) {
      console.log(`\n## ${p.name}\n\n${table(p.scores)}`);
      if (!args.includes('--misses')) continue;
      for (const l of p.missed)
        console.log(`  missed ${l.type}: ${l.text}${l.speaker ? ` — ${l.speaker}` : ''}`);
      for (const s of p.wrong)
        console.log(`  wrong  ${s.type}: ${s.text}${s.speaker ? ` — ${s.speaker}` : ''}`);
    }
    console.log('');
  }
  console.log(`Claim suggestions against ${pages.length} labelled pages in ${dir}\n`);
  console.log(table(total));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
