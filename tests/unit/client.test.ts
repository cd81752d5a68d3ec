import { describe, expect, it, vi } from 'vitest';
import { createClient } from '../../utils/messages';

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
