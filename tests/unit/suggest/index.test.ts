import { describe, expect, it } from 'vitest';
import { SUGGESTION_TYPES, suggestClaims } from '../../../utils/suggest/index';

const ARTICLE = {
  paragraphs: [
    'Despite impressive figures, the team missed its goal of $17 billion in sales in 2024.',
    'Bob Kang, ByteDance’s head of e-commerce, said the U.S. team was “underperforming badly this year.”',
    'Employees must be in the office five days a week; the deadline is April 5, 2025.',
    '$7/month',
  ],
};

describe('suggestClaims', () => {
  const suggestions = suggestClaims(ARTICLE);

  it('returns typed suggestions whose offsets point at their text, within their sentence', () => {
    expect(suggestions.length).toBeGreaterThan(5);
    for (const s of suggestions) {
      expect(SUGGESTION_TYPES).toContain(s.type);
      expect(ARTICLE.paragraphs[s.paragraph]!.slice(s.start, s.end)).toBe(s.text);
      expect(s.sentence).toContain(s.text);
    }
    const sorted = [...suggestions].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
    expect(suggestions).toEqual(sorted);
  });

  it('finds the figures, dates, quote, people and organisations', () => {
    const pairs = suggestions.map(
      (s) => `${s.type}:${s.text}${s.speaker ? ` — ${s.speaker}` : ''}`,
    );
    expect(pairs).toEqual(
      expect.arrayContaining([
        'money:$17 billion',
        'date:2024',
        'person:Bob Kang',
        'org:ByteDance',
        'quote:underperforming badly this year. — Bob Kang',
        'quantity:five days a week',
        'date:April 5, 2025',
      ]),
    );
    expect(suggestions.find((s) => s.type === 'money')!.sentence).toBe(ARTICLE.paragraphs[0]);
  });

  it('ignores a figure standing alone (a pricing box) and an empty article', () => {
    expect(suggestions.some((s) => s.text === '$7/month')).toBe(false);
    expect(suggestClaims({ paragraphs: [] })).toEqual([]);
    expect(suggestClaims({ paragraphs: ['', '   '] })).toEqual([]);
  });

  it('handles 10,000 words quickly (a loose guard; npm run bench:suggest measures)', () => {
    const paragraphs = Array.from(
      { length: 400 },
      (_, i) => `${ARTICLE.paragraphs[i % 3]} Paragraph ${i} adds a few more words to it.`,
    );
    suggestClaims({ paragraphs });
    const t = performance.now();
    suggestClaims({ paragraphs });
    expect(performance.now() - t).toBeLessThan(500);
  });
});
