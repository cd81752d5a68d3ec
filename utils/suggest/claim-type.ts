/**
 * The claim type a selection most likely is, for the toolbar to pre-select: a money amount or a
 * percentage is a figure, words inside quotation marks are a quote, a date is a date. `null` when
 * nothing stands out (the reader picks). Pure; reuses the detectors.
 */
import { findDates } from './dates';
import { findFigures } from './figures';
import type { Lang } from './lang';
import { findQuoteMarks } from './quote-marks';

export function claimTypeFor(selectionText: string): 'figure' | 'quote' | 'date' | null {
  const text = selectionText.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const marks = findQuoteMarks(text);
  const quoted = marks.reduce((n, m) => n + (m.inner.end - m.inner.start), 0);
  if (quoted > 0 && quoted >= (text.length - 2 * marks.length) * 0.5) return 'quote';
  const langs: Lang[] = ['en', 'fr', 'es']; // a selection is too short to tell its language
  const figures = langs.flatMap((l) => findFigures(text, l)).filter((f) => f.type !== 'quantity');
  const dates = langs.flatMap((l) => findDates(text, l));
  const share = (spans: { start: number; end: number }[]): number =>
    Math.max(0, ...spans.map((s) => s.end - s.start));
  if (figures.length && share(figures) >= share(dates)) return 'figure';
  if (dates.length) return 'date';
  return null;
}
