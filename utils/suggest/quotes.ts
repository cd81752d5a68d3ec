/**
 * Direct quotations with their speaker. The attribution is looked for in the quote's sentence
 * (after the quote, a name right before it, a speech verb before it, "according to", a colon),
 * then in the paragraph (an earlier quote's speaker), then — for a quote that opens its paragraph
 * or a block quote — in the paragraph before ("One unnamed employee stated," / "As another
 * insider put it,", the speaker of the quote before, the person last named). "he"/"she" become the
 * last named speaker. A quote nobody can be found for is not suggested; nor are single words,
 * titles ("Super Mario Run") or scare quotes without a speaker.
 */
import type { Mention } from './entities';
import type { Lang } from './lang';
import type { QuoteMarks } from './quote-marks';
import { spanAt } from './sentences';
import {
  isPronoun,
  speakerAccording,
  speakerAfter,
  speakerBefore,
  speakerOfClause,
  speakerRightBefore,
  sentenceSubject,
} from './speaker';
import type { Span } from './text';

export interface ParagraphInfo {
  text: string;
  /** The text with every quotation's words replaced by `_`: attribution never reads inside. */
  masked: string;
  marks: QuoteMarks[];
  sentences: Span[];
  /** The subject of each sentence's last speech verb ("Mr Obama said …"), when it has one. */
  subjects: (string | undefined)[];
  blockquote: boolean;
  skip: boolean;
}

export interface FoundQuote {
  paragraph: number;
  inner: Span;
  speaker: string;
  /** From the start of the quote's first sentence to the end of its last. */
  context: Span;
}

const SMALL_WORDS =
  /^(?:of|the|and|a|an|in|on|for|to|at|by|with|de|la|le|les|el|los|las|y|et|du|des|del)$/;

export function findQuotes(
  info: readonly ParagraphInfo[],
  lang: Lang,
  persons: readonly Mention[],
): FoundQuote[] {
  const out: FoundQuote[] = [];
  const lastQuoteSpeaker: (string | undefined)[] = [];
  const lastSubject: (string | undefined)[] = [];
  let named: string | undefined; // the last named, singular speaker: what "he"/"she" refer to
  let subject: { np: string; paragraph: number } | undefined; // French/Spanish il/elle: any noun
  const resolve = (np: string, paragraph: number, at: number): string => {
    if (!isPronoun(np) || /^(?:they|ils|elles|ellos|ellas)$/i.test(np)) return np;
    if (lang !== 'en' && subject && subject.paragraph >= paragraph - 1) return subject.np;
    return named ?? lastPerson(persons, paragraph, at) ?? np;
  };
  const remember = (np: string, paragraph: number): void => {
    if (isNamed(np)) named = np;
    if (!isPronoun(np)) subject = { np, paragraph };
  };

  info.forEach((p, i) => {
    if (p.skip) return;
    const { masked, sentences } = p;
    let previous: string | undefined;
    let q = 0;
    sentences.forEach((s, k) => {
      for (; q < p.marks.length && p.marks[q]!.outer.start < s.end; q++) {
        const mark = p.marks[q]!;
        const inner = p.text.slice(mark.inner.start, mark.inner.end);
        const first = sentences[spanAt(sentences, mark.outer.start)]!;
        const last = sentences[spanAt(sentences, Math.max(mark.outer.start, mark.outer.end - 1))]!;
        const before = masked.slice(first.start, mark.outer.start);
        const after = masked.slice(mark.outer.end, last.end);
        const lower = /^[\p{Ll}]/u.test(inner);
        let speaker =
          speakerAfter(after, lang) ??
          speakerBefore(before, lang) ??
          (lower ? speakerRightBefore(before) : undefined) ??
          speakerAccording(masked.slice(first.start, last.end), lang) ??
          (/:\s*$/.test(before) ? sentenceSubject(before) : undefined) ??
          (lower ? speakerOfClause(before) : undefined) ??
          previous;
        if (!speaker && (mark.outer.start <= 1 || p.blockquote)) {
          speaker = fromContext(info, i, lastQuoteSpeaker, lastSubject, persons, lang);
        }
        const lead = /^\s*(\p{L}+)/u.exec(before)?.[1];
        if (!speaker && lead && isPronoun(lead)) speaker = lead;
        if (!speaker) continue;
        speaker = resolve(speaker, i, mark.outer.start);
        previous = speaker;
        lastQuoteSpeaker[i] = speaker;
        remember(speaker, i);
        const subhead =
          mark.outer.start === 0 &&
          mark.outer.end >= p.text.length - 1 &&
          inner.split(/\s+/).length <= 8 &&
          !/[.!?]$/.test(inner);
        const code = (inner.match(/\p{L}/gu)?.length ?? 0) < inner.length * 0.5; // "rekt: { list: [ …"
        if (isQuotation(inner) && !subhead && !code)
          out.push({
            paragraph: i,
            inner: mark.inner,
            speaker,
            context: { start: first.start, end: last.end },
          });
      }
      const subject = p.subjects[k];
      if (subject) {
        lastSubject[i] = resolve(subject, i, s.end);
        remember(lastSubject[i]!, i);
      }
    });
  });
  return out;
}

/** Two words or more, and not a title ("Super Mario Run", "The Book of Mozilla"). */
function isQuotation(inner: string): boolean {
  const words = inner.split(/\s+/).filter(Boolean);
  if (words.length < 2) return false;
  const title =
    words.length <= 8 &&
    !/[.!?,;:]/.test(inner) &&
    words.every((w) => /^[\p{Lu}\p{N}#]/u.test(w) || SMALL_WORDS.test(w));
  return !title;
}

/** A named, singular speaker: "Mr Obama", "Zuckerberg" — not "one employee", "American officials". */
function isNamed(np: string): boolean {
  const words = np.split(/\s+/);
  if (isPronoun(words[0]!)) return false;
  const last = words[words.length - 1] ?? '';
  if (/^\p{Ll}.*s$/u.test(last)) return false;
  return words.some(
    (w, k) =>
      /^\p{Lu}/u.test(w) && (k > 0 || !/^(?:One|Another|The|A|An|Un|Une|Le|La|El|Una)$/.test(w)),
  );
}

/** The speaker of a quote that opens its paragraph, from the paragraph(s) before. */
function fromContext(
  info: readonly ParagraphInfo[],
  i: number,
  lastQuoteSpeaker: readonly (string | undefined)[],
  lastSubject: readonly (string | undefined)[],
  persons: readonly Mention[],
  lang: Lang,
): string | undefined {
  let j = i - 1;
  while (j >= 0 && info[j]!.skip) j--;
  if (j < 0) return undefined;
  const prev = info[j]!;
  if (/[,:]\s*(?:\[[^\]]{1,12}\]\s*)*$/.test(prev.masked)) {
    const s = prev.sentences[prev.sentences.length - 1]!;
    const sentence = prev.masked.slice(s.start, s.end);
    const intro =
      speakerBefore(sentence, lang) ??
      speakerAccording(sentence, lang) ??
      sentenceSubject(sentence);
    if (intro) return intro;
  }
  if (lastQuoteSpeaker[j]) return lastQuoteSpeaker[j];
  if (lastSubject[j] && isNamed(lastSubject[j]!)) return lastSubject[j];
  const person = lastPerson(persons, j, Infinity, j);
  if (person) return person;
  for (let k = j - 1; k >= Math.max(0, j - 2); k--)
    if (lastQuoteSpeaker[k]) return lastQuoteSpeaker[k];
  return undefined;
}

/** The person named last before (paragraph, at), optionally only in paragraphs ≥ `from`. */
function lastPerson(
  persons: readonly Mention[],
  paragraph: number,
  at: number,
  from = 0,
): string | undefined {
  let found: string | undefined;
  for (const m of persons) {
    if (m.type !== 'person' || m.paragraph < from) continue;
    if (m.paragraph > paragraph || (m.paragraph === paragraph && m.start >= at)) break;
    found = m.name;
  }
  return found;
}
