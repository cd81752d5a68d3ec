import { describe, expect, it } from 'vitest';
import { claimAsMarkdown } from '../../../utils/export/claim-markdown';

const claim = {
  quote: '$17 billion',
  type: 'figure' as const,
  tags: ['tiktok', 'q1 targets'],
  note: '',
  url: 'https://example.com/story',
};

describe('claimAsMarkdown', () => {
  it('quotes the claim with its source link and tags', () => {
    expect(claimAsMarkdown(claim, 'TikTok Cracks Down')).toBe(
      '> \\$17 billion\n>\n> — [TikTok Cracks Down](<https://example.com/story>) #figure #tiktok #q1-targets\n',
    );
  });

  it('escapes a hostile note and title, and links only http(s)', () => {
    const out = claimAsMarkdown(
      { ...claim, note: '[x](javascript:alert(1))\n# heading', url: 'javascript:alert(1)' },
      '<img src=x onerror=alert(1)>',
    );
    expect(out).not.toMatch(/[^\\]\]\(javascript/); // no unescaped link
    expect(out).not.toMatch(/[^\\]<img/); // no unescaped HTML
    expect(out).toContain('— \\<img src=x onerror=alert(1)\\> #figure');
    expect(out).toContain('\\[x\\](javascript:alert(1))');
    expect(out).toContain('\\# heading');
  });
});
