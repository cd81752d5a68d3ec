/**
 * `npm start -- --team`: a local CouchDB-protocol server (pouchdb-server on 127.0.0.1, users
 * alice and bob, a members-only database `team` with Claimmark's design document) and two Chromium profiles connected to it
 * through Options → Sync, both on the demo article. With a display, two windows to try it in;
 * without one, a headless run: alice saves a claim, it appears on bob's page.
 */
import {
  highlights,
  launchExtension,
  saveClaim,
  startFixtureServer,
  waitForContentScript,
  type ExtensionBrowser,
} from '../e2e/harness';
import { startCouchServer } from '../support/couch-server';
import { connectSync, syncStatus } from '../support/sync-ui';
import { DESIGN_DOC } from '../../utils/store/sync/design-doc';

const DEMO = '/tiktok-shop-us-crackdown/';
const USERS = { alice: 'alice-pw', bob: 'bob-pw' } as const;

export async function startTeam(headless: boolean): Promise<void> {
  const couch = await startCouchServer();
  for (const [user, password] of Object.entries(USERS)) await couch.createUser(user, password);
  await couch.createDatabase('team', Object.keys(USERS));
  // As a team's admin would (README "Team library", step 4).
  await couch.request('PUT', `/team/${DESIGN_DOC._id}`, DESIGN_DOC);
  const fixtures = await startFixtureServer();
  const browsers: ExtensionBrowser[] = [];
  const stop = async () => {
    for (const browser of browsers) await browser.close().catch(() => {});
    await fixtures.close();
    await couch.close();
  };
  try {
    const pages = [];
    for (const [user, password] of Object.entries(USERS)) {
      const browser = await launchExtension({ headless });
      browsers.push(browser);
      const options = await connectSync(browser, {
        server: couch.url,
        database: 'team',
        user,
        password,
      });
      const deadline = Date.now() + 30_000;
      while (!(await syncStatus(options).textContent())?.includes('Up to date')) {
        if (Date.now() > deadline) throw new Error(`${user} did not connect`);
        await options.waitForTimeout(250);
      }
      const page = await browser.context.newPage();
      await page.goto(`${fixtures.origin}${DEMO}`);
      await waitForContentScript(page);
      pages.push(page);
      console.log(`${user}: connected to ${couch.url}/team, on ${page.url()}`);
    }
    if (!headless) {
      console.log(
        'Two profiles sync through the local server: save a claim in one, see it in the other.',
      );
      console.log('Users: alice / alice-pw, bob / bob-pw. Close both windows (or Ctrl+C) to stop.');
      process.on('SIGINT', () => void stop().then(() => process.exit(0)));
      return;
    }
    console.log('No display found: running the team demo headless.');
    await saveClaim(pages[0]!, '$17 billion', 'Figure', { tags: 'tiktok', within: 'article' });
    console.log('  alice saved "$17 billion"');
    const started = Date.now();
    for (;;) {
      if ((await highlights(pages[1]!)).some((h) => h.text === '$17 billion')) break;
      if (Date.now() - started > 30_000) throw new Error('the claim did not reach bob');
      await pages[1]!.waitForTimeout(100);
    }
    console.log(
      `  it is painted on bob's page ${((Date.now() - started) / 1000).toFixed(1)} s later`,
    );
    await stop();
  } catch (error) {
    await stop();
    throw error;
  }
}
