/**
 * Claim suggestions: the money amounts, percentages, quantities, dates, attributed quotes,
 * organisations and people of an article, found by rules over Readability's paragraphs. Pure and
 * synchronous (no DOM, no browser APIs): the UI calls it when the reader asks, on the output of
 * `articleOf(document)` (./from-document.ts). English, French and Spanish rules; the language
 * comes from `article.lang` or, when absent, from the text.
 */
import { boilerplate } from './boilerplate';
import { findDates } from './dates';
import { findEntities } from './entities';
import { findFigures } from './figures';
import { resolveLang } from './lang';
import { findQuoteMarks } from './quote-marks';
import { findQuotes, type ParagraphInfo } from './quotes';
import { sentenceSpans, spanAt } from './sentences';
import { speakerAfter, speakerBefore } from './speaker';
import type { Article, Suggestion, SuggestionType } from './types';

export type { Article, Suggestion, SuggestionType } from './types';
export { SUGGESTION_TYPES } from './types';

interface Found {
  type: SuggestionType;
  start: number;
  end: number;
  weak?: boolean;
}

/** Which of two overlapping figures/dates wins: lower is stronger. */
const RANK: Partial<Record<SuggestionType, number>> = {
  money: 0,
  percent: 1,
  date: 2,
  quantity: 3,
};

export function suggestClaims(article: Article): Suggestion[] {
  const paragraphs = article.paragraphs;
  const lang = resolveLang(article.lang, paragraphs);
  const skip = boilerplate(paragraphs);
  const blockquotes = new Set(article.blockquotes ?? []);
  const info: ParagraphInfo[] = paragraphs.map((text, i) =>
    analyse(text, blockquotes.has(i), skip.has(i)),
  );

  const speakers = new Set<string>(); // who says things: evidence that a name is a person's
  for (const p of info) {
    if (p.skip) continue;
    p.subjects = p.sentences.map((s) => speakerBefore(p.masked.slice(s.start, s.end), lang));
    for (const np of p.subjects) if (np) speakers.add(np);
    for (const m of p.marks) {
      const s = p.sentences[spanAt(p.sentences, Math.max(m.outer.start, m.outer.end - 1))]!;
      const np = speakerAfter(p.masked.slice(m.outer.end, s.end), lang);
      if (np) speakers.add(np);
    }
  }
  const headings = new Set(paragraphs.flatMap((p, i) => (isHeading(p) ? [i] : [])));
  const entities = findEntities(paragraphs, lang, new Set([...skip, ...headings]), speakers);
  const out: Suggestion[] = [];
  const push = (
    type: SuggestionType,
    paragraph: number,
    start: number,
    end: number,
    speaker?: string,
  ): void => {
    const p = info[paragraph]!;
    const s = p.sentences[spanAt(p.sentences, start)]!;
    const text = p.text.slice(start, end);
    const sentence = p.text.slice(Math.min(s.start, start), Math.max(s.end, end)).trim();
    out.push({ type, text, ...(speaker ? { speaker } : {}), paragraph, start, end, sentence });
  };

  info.forEach((p, i) => {
    if (p.skip) return;
    const found: Found[] = [...findFigures(p.text, lang), ...findDates(p.text, lang)];
    for (const f of resolveOverlaps(found))
      if (hasContext(p.text, f)) push(f.type, i, f.start, f.end);
  });
  for (const q of findQuotes(info, lang, entities)) {
    const p = info[q.paragraph]!;
    const start = q.inner.start;
    out.push({
      type: 'quote',
      text: p.text.slice(start, q.inner.end),
      speaker: q.speaker,
      paragraph: q.paragraph,
      start,
      end: q.inner.end,
      sentence: p.text.slice(q.context.start, q.context.end).trim(),
    });
  }
  // One suggestion a name, at its first mention; "Kang" after "Bob Kang" and "Department of
  // Conservation" after "New Zealand Department of Conservation" are the same name again.
  const first = new Map<string, (typeof entities)[number]>();
  for (const e of entities)
    if (!first.has(`${e.type}:${e.name.toLowerCase()}`))
      first.set(`${e.type}:${e.name.toLowerCase()}`, e);
  const names = [...first.values()];
  const dates = out.filter((s) => s.type === 'date');
  for (const e of names) {
    if (
      names.some((o) => o.type === e.type && o.name.length > e.name.length && sameName(e, o.name))
    )
      continue;
    if (dates.some((s) => s.paragraph === e.paragraph && s.start < e.end && e.start < s.end))
      continue;
    push(e.type, e.paragraph, e.start, e.end);
  }
  return dropRestatedDates(out).sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
}

function analyse(text: string, blockquote: boolean, skip: boolean): ParagraphInfo {
  let marks = findQuoteMarks(text);
  if (blockquote && !marks.length && text.trim()) {
    const start = text.search(/\S/);
    const end = text.trimEnd().length;
    marks = [{ outer: { start: 0, end: text.length }, inner: { start, end } }];
  }
  let masked = text;
  for (const m of marks) {
    const length = m.inner.end - m.inner.start;
    masked = masked.slice(0, m.inner.start) + '_'.repeat(length) + masked.slice(m.inner.end);
  }
  const sentences = sentenceSpans(
    text,
    marks.map((m) => m.outer),
  );
  return { text, masked, marks, sentences, subjects: [], blockquote, skip };
}

/** Keeps the strongest of overlapping figures/dates; a bare year yields to a longer quantity. */
function resolveOverlaps(found: Found[]): Found[] {
  const ranked = [...found].sort((a, b) => {
    const weakA = a.weak && found.some((o) => o.type === 'quantity' && contains(o, a));
    const weakB = b.weak && found.some((o) => o.type === 'quantity' && contains(o, b));
    return (
      (weakA ? 9 : RANK[a.type]!) - (weakB ? 9 : RANK[b.type]!) ||
      b.end - b.start - (a.end - a.start)
    );
  });
  const kept: Found[] = [];
  for (const f of ranked) if (!kept.some((k) => k.start < f.end && f.start < k.end)) kept.push(f);
  return kept;
}

/** "Department of Conservation" in "New Zealand Department of …"; "Te Kaurinui" in "Te Kaurinui
 * Robert Parata"; "Bashir" in "Omar Hassan al-Bashir": a shorter form of a longer name. */
function sameName(e: { type: string; name: string }, longer: string): boolean {
  const short = e.name.toLowerCase().split(/\s+/);
  const long = longer.toLowerCase().split(/\s+/);
  if (e.type === 'org') return long.slice(-short.length).join(' ') === short.join(' ');
  let k = 0;
  for (const t of long)
    if (
      k < short.length &&
      (t === short[k] || (k === short.length - 1 && t.endsWith(`-${short[k]}`)))
    )
      k++;
  return k === short.length;
}

function contains(outer: Found, inner: Found): boolean {
  return (
    outer.start <= inner.start &&
    inner.end <= outer.end &&
    outer.end - outer.start > inner.end - inner.start
  );
}

/** "The Road Ahead for TikTok’s E-Commerce Strategy": title case names nothing. */
function isHeading(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => w.length > 3);
  if (words.length < 2 || text.length > 120 || /[.!?]$/.test(text)) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length >= words.length * 0.6;
}

/** A figure alone in its paragraph ("$7/month" in a pricing box) is not a claim. */
function hasContext(text: string, f: Found): boolean {
  if (text.length > f.end - f.start + 40) return true;
  const rest = text.slice(0, f.start) + text.slice(f.end);
  return (rest.match(/\p{L}{2,}/gu) ?? []).length >= 2;
}

/** "the April 5 deadline" after "April 5, 2025": the same date again, less completely. */
function dropRestatedDates(all: Suggestion[]): Suggestion[] {
  const dates = all.filter((s) => s.type === 'date').map((s) => s.text.replace(/\s+/g, ' '));
  return all.filter((s) => {
    if (s.type !== 'date') return true;
    const t = s.text.replace(/\s+/g, ' ');
    return !dates.some(
      (d) => d !== t && (d.startsWith(`${t},`) || d.startsWith(`${t} `)) && /\d{4}/.test(d),
    );
  });
}
