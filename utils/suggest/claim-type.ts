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

/** Money, percentages and dates as each language writes them, to compile every detector once. */
const WARM_TEXT: Record<Lang, string> = {
  en: 'On April 5, 2025 sales rose 17% to $17 billion, or 3.5bn euros, in Q3 2024.',
  fr: 'Le 5 avril 2025, les ventes ont progressé de 17 % à 3,5 milliards d’euros.',
  es: 'El 5 de abril de 2025 las ventas subieron un 17 % hasta 3.500 millones de euros.',
};

/**
 * Build and compile the detectors `claimTypeFor` uses ahead of time, one language and kind per
 * step, so that the first toolbar of a page does not wait for them: their patterns take tens of
 * milliseconds to build and compile on first use (later calls reuse them). `next` schedules a
 * step (`setTimeout`), so no step holds the page for long.
 */
export function warmClaimTypes(next: (step: () => void) => void): void {
  const langs: Lang[] = ['en', 'fr', 'es'];
  const steps = langs.flatMap((l) => [
    () => void findFigures(WARM_TEXT[l], l),
    () => void findDates(WARM_TEXT[l], l),
  ]);
  steps.push(() => void findQuoteMarks('“warm”'));
  const run = () => {
    steps.shift()?.();
    if (steps.length > 0) next(run);
  };
  next(run);
}
