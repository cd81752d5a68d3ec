import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, RETRY_DELAYS } from '../../../utils/protocol/to-background';

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
