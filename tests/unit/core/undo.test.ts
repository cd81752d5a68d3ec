import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UNDO_WINDOW_MS } from '../../../utils/core/undo';

describe('the undo window', () => {
  it('is ten seconds, as the README promises', () => {
    expect(UNDO_WINDOW_MS).toBe(10_000);
    expect(readFileSync('README.md', 'utf8')).toMatch(/\*\*Undo\*\* for ten seconds/);
  });

  it.each(['components/InPageUi.tsx', 'entrypoints/sidepanel/App.tsx'])(
    '%s closes its Undo after UNDO_WINDOW_MS, not a number of its own',
    (file) => {
      const source = readFileSync(file, 'utf8');
      expect(source).toMatch(/setTimeout\([^;]*\bUNDO_WINDOW_MS\)/);
    },
  );
});
