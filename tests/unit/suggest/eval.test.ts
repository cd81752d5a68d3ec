/**
 * CI guard for the quality targets (issue 7) on the project's labelled pages, through the same
 * path as `npm run eval:claims` (jsdom → articleOf → suggestClaims), and the demo's "done when".
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, TARGETS } from '../../tools/eval-claims';
import { suggestionsFor } from '../../tools/suggest';

describe('claim suggestions on the labelled fixture pages', () => {
  const { pages, total } = evaluate();

  it('labels at least the demo, four more English pages, lemonde-1 and la-nacion', () => {
    const names = pages.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['tiktok-shop-us-crackdown', 'lemonde-1', 'la-nacion']),
    );
    expect(names.length).toBeGreaterThanOrEqual(7);
  });

  for (const [type, target] of Object.entries(TARGETS)) {
    it(`${type}: precision ≥ ${target.precision}, recall ≥ ${target.recall}`, () => {
      const score = total[type]!;
      expect(score.labels).toBeGreaterThan(0);
      expect(score.precision, `${type} precision`).toBeGreaterThanOrEqual(target.precision);
      expect(score.recall, `${type} recall`).toBeGreaterThanOrEqual(target.recall);
    });
  }

  it('on the demo article, finds the figures, dates and the three employee quotes with speakers', () => {
    const page = join(
      import.meta.dirname,
      '..',
      '..',
      'fixtures',
      'pages',
      'tiktok-shop-us-crackdown',
      'source.html',
    );
    const found = suggestionsFor(page).map(
      (s) => `${s.type}:${s.text}${s.speaker ? ` — ${s.speaker}` : ''}`,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'money:$17 billion',
        'money:$100 million',
        'date:February 2025',
        'date:April 5, 2025',
        'quote:No matter how hard we work, it feels like we’re always falling short of what they expect. — One unnamed employee',
        'quote:There’s literally no time in a day to fulfill the goals they’re asking for. — another insider',
        'quote:There is a certain sense of demotivation. You don’t know what’s going to happen. — one employee',
      ]),
    );
  });
});
