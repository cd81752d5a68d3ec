import { afterAll, beforeAll } from 'vitest';
import {
  launchExtension,
  startFixtureServer,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';

/**
 * The usual e2e setup: one fixture server and one Chromium with the extension for the whole file,
 * closed after it. Read the fields inside tests (they are set in beforeAll).
 */
export function useExtension(options: Parameters<typeof launchExtension>[0] = {}): {
  browser: ExtensionBrowser;
  server: FixtureServer;
} {
  const env = {} as { browser: ExtensionBrowser; server: FixtureServer };
  beforeAll(async () => {
    env.server = await startFixtureServer();
    env.browser = await launchExtension(options);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
