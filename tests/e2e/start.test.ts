/**
 * The README's first command: `npm start` ends in tests/tools/start.ts, which (without a display)
 * runs the demo headless. Run it as a reader would after the build, and check what it prints.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness';

const run = promisify(execFile);

describe('npm start (headless demo)', () => {
  it('saves two claims through the toolbar, repaints them and prints the Markdown export', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'tests/tools/start.ts'],
      { cwd: ROOT, env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' }, timeout: 90_000 },
    );
    expect(stdout).toContain('running the demo headless');
    expect(stdout).toContain('after a reload, 2 highlights are painted again');
    expect(stdout).toMatch(/Markdown export \(claimmark-\d{4}-\d{2}-\d{2}\.md\)/);
    expect(stdout).toContain('\\$17 billion');
  }, 100_000);
});
