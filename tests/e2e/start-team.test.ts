/**
 * `npm start -- --team` without a display: a local pouchdb-server and two profiles connected
 * through Options → Sync; a claim alice saves is painted on bob's page.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness';

const run = promisify(execFile);

describe('npm start -- --team (headless)', () => {
  it('connects two profiles to a local server and shows alice’s claim on bob’s page', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'tests/tools/start.ts', '--team'],
      { cwd: ROOT, env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' }, timeout: 120_000 },
    );
    expect(stdout).toMatch(/alice: connected to http:\/\/127\.0\.0\.1:\d+\/team/);
    expect(stdout).toMatch(/bob: connected to http:\/\/127\.0\.0\.1:\d+\/team/);
    expect(stdout).toMatch(/it is painted on bob's page [\d.]+ s later/);
  }, 130_000);
});
