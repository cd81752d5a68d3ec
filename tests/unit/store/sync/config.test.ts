import { describe, expect, it } from 'vitest';
import {
  checkDatabase,
  checkServer,
  describeStatus,
  parseSyncConfig,
  parseSyncStatus,
} from '../../../../utils/store/sync/config';

describe('sync settings', () => {
  it('takes https anywhere and plain http only for this machine', () => {
    expect(checkServer('https://couch.example.com/')).toEqual({
      ok: true,
      url: 'https://couch.example.com',
    });
    expect(checkServer('http://127.0.0.1:5984')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:5984',
    });
    expect(checkServer('http://localhost:5984/')).toMatchObject({ ok: true });
    expect(checkServer('http://couch.example.com')).toMatchObject({ ok: false, error: /https/ });
    expect(checkServer('https://alice:pw@couch.example.com')).toMatchObject({ ok: false });
    expect(checkServer('ftp://couch.example.com')).toMatchObject({ ok: false });
    expect(checkServer('not a url')).toMatchObject({ ok: false });
  });

  it('checks CouchDB database names', () => {
    expect(checkDatabase('claims-strategy')).toBeNull();
    expect(checkDatabase('Team')).not.toBeNull();
    expect(checkDatabase('_users')).not.toBeNull();
  });

  it('reads stored settings and status as untrusted data', () => {
    const config = {
      server: 'https://c.example',
      database: 'team',
      user: 'a',
      password: 'p',
      since: 1,
    };
    expect(parseSyncConfig(config)).toEqual(config);
    expect(parseSyncConfig({ ...config, server: 'http://evil.example' })).toBeNull();
    expect(parseSyncConfig({ ...config, password: '' })).toBeNull();
    expect(parseSyncConfig('nope')).toBeNull();
    expect(parseSyncStatus({ state: 'weird', skipped: -3 })).toMatchObject({
      state: 'off',
      skipped: 0,
    });
    expect(
      parseSyncStatus({
        state: 'idle',
        denied: 2,
        deniedExamples: [{ id: 'claim:x', reason: 'A new claim must name you (bob).' }, 7, null],
      }),
    ).toMatchObject({
      denied: 2,
      deniedExamples: [{ id: 'claim:x', reason: 'A new claim must name you (bob).' }],
    });
  });

  it('says each status in words', () => {
    const time = () => '12:00';
    const base = parseSyncStatus(null);
    expect(describeStatus({ ...base, state: 'idle', lastSync: 'x' }, time)).toBe(
      'Up to date (12:00).',
    );
    expect(describeStatus({ ...base, state: 'syncing', pending: 3 }, time)).toBe(
      'Syncing 3 changes…',
    );
    expect(describeStatus({ ...base, state: 'offline' }, time)).toMatch(/^Offline, retrying/);
    expect(describeStatus({ ...base, state: 'refused', reason: 'password' }, time)).toMatch(
      /wrong user name or password/,
    );
    expect(describeStatus({ ...base, state: 'refused', reason: 'member' }, time)).toMatch(
      /not a member/,
    );
    expect(describeStatus({ ...base, state: 'refused', reason: 'missing' }, time)).toMatch(
      /does not exist/,
    );
  });
});
