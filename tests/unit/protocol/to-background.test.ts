import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkSave,
  createClient,
  LIMITS,
  parseRequest,
  RETRY_DELAYS,
} from '../../../utils/protocol/to-background';

const noWait = { delays: [1, 1, 1], sleep: async () => {} };

describe('message client', () => {
  it('returns the answer of the background', async () => {
    const send = vi.fn(async () => ({ ok: true, value: { deleted: true } }));
    const request = createClient(send, noWait);
    expect(await request('annotation:delete', { id: 'x' })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('does not retry an error the background answered', async () => {
    const send = vi.fn(async () => ({ ok: false, error: 'no claim with this id' }));
    const request = createClient(send, noWait);
    expect(await request('annotation:delete', { id: 'x' })).toEqual({
      ok: false,
      error: 'no claim with this id',
    });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('retries when the worker stopped mid-request, then succeeds', async () => {
    const send = vi
      .fn<() => Promise<unknown>>()
      .mockRejectedValueOnce(new Error('The message port closed before a response was received.'))
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce({ ok: true, value: { deleted: false } });
    const request = createClient(send, noWait);
    expect(await request('annotation:delete', { id: 'x' })).toEqual({
      ok: true,
      value: { deleted: false },
    });
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('gives up after its retries with the last transport error', async () => {
    const send = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const sleep = vi.fn(async () => {});
    const request = createClient(send, { delays: [10, 20], sleep });
    expect(await request('tags:list', {})).toEqual({
      ok: false,
      error: 'Could not establish connection. Receiving end does not exist.',
      unanswered: true, // the background never answered: worth sending again later
    });
    expect(send).toHaveBeenCalledTimes(3);
    expect(sleep.mock.calls).toEqual([[10], [20]]);
  });
});

describe('message client, default retry policy', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('carries a request across a worker that stays away for 8 s', async () => {
    vi.useFakeTimers();
    const started = Date.now();
    const send = vi.fn(async () => {
      if (Date.now() - started < 8_000) {
        throw new Error(
          'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
        );
      }
      return { ok: true, value: { tags: [] } };
    });
    const answer = createClient(send)('tags:list', {});
    await vi.runAllTimersAsync();
    expect(await answer).toEqual({ ok: true, value: { tags: [] } });
  });

  it('gives up on transport errors after about 10 s, with growing delays', async () => {
    vi.useFakeTimers();
    const started = Date.now();
    const send = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const answer = createClient(send)('tags:list', {});
    await vi.runAllTimersAsync();
    expect(await answer).toMatchObject({ ok: false, error: /Receiving end does not exist/ });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(9_000);
    expect(waited).toBeLessThanOrEqual(11_000);
    expect(send).toHaveBeenCalledTimes(RETRY_DELAYS.length + 1);
    expect(RETRY_DELAYS[0]).toBeLessThanOrEqual(100); // a stopped worker is back at once
  });

  it('does not retry once the extension is gone (reloaded or removed)', async () => {
    const send = vi.fn(async () => {
      throw new Error('Extension context invalidated.');
    });
    const sleep = vi.fn(async () => {});
    const request = createClient(send, { delays: RETRY_DELAYS, sleep });
    expect(await request('tags:list', {})).toEqual({
      ok: false,
      error: 'Extension context invalidated.',
    });
    expect(send).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });
});

describe('checkSave: the check a content script makes before saving', () => {
  const annotation = {
    id: '0b1f6c1e-9a4b-4f6e-8d2a-1c2b3d4e5f60',
    url: 'https://example.com/a',
    quote: 'words',
    selectors: [{ type: 'TextQuoteSelector' as const, exact: 'words', prefix: '', suffix: '' }],
    type: 'figure' as const,
    tags: [],
    note: '',
  };
  const cases = [
    { annotation },
    { annotation, aliases: ['https://example.com/b'] },
    { annotation: { ...annotation, quote: 'x'.repeat(LIMITS.quote + 1) } },
    { annotation: { ...annotation, url: 'javascript:alert(1)' } },
    { annotation: { ...annotation, id: 'not-a-uuid' } },
    { annotation, aliases: ['ftp://example.com/'] },
    { annotation: { ...annotation, tags: Array.from({ length: LIMITS.tags + 1 }, () => 't') } },
  ];

  it('accepts and refuses exactly what the background does, with the same reason', () => {
    for (const payload of cases) {
      const checked = checkSave(payload);
      const parsed = parseRequest({ type: 'annotation:save', payload });
      expect(checked.ok).toBe(parsed.ok);
      if (checked.ok && parsed.ok) expect(checked.value).toEqual(parsed.value.payload);
      if (!checked.ok && !parsed.ok) expect(checked.error).toBe(parsed.error);
    }
    expect(cases.filter((payload) => checkSave(payload).ok)).toHaveLength(2);
  });
});
