import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_LIMITS,
  CONTENT_VALIDATORS,
  createTabClient,
  parseContentMessage,
  type ContentProtocol,
} from '../../../utils/protocol/to-content';
import { serveMessage, type Handlers } from '../../../utils/protocol/rpc';
import { BACKGROUND_VALIDATORS, parseRequest } from '../../../utils/protocol/to-background';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('messages to a content script: validated like those to the background', () => {
  it('accepts every message of the protocol with a valid payload', () => {
    const valid: unknown[] = [
      { type: 'content:location-changed', payload: {} },
      { type: 'content:claims', payload: {} },
      { type: 'content:scroll-to', payload: { id: ID } },
      { type: 'content:reattach', payload: { id: ID } },
      { type: 'content:save-selection', payload: {} },
      { type: 'content:reload', payload: {} },
      { type: 'content:suggest', payload: {} },
      { type: 'content:settings', payload: { settings: { hideHighlights: true } } },
      {
        type: 'content:save-suggestion',
        payload: { text: '$17 billion', sentence: 'It sold $17 billion.', type: 'figure' },
      },
    ];
    expect(valid.map((m) => parseContentMessage(m).ok)).toEqual(valid.map(() => true));
    expect(Object.keys(CONTENT_VALIDATORS).sort()).toEqual(
      valid.map((m) => (m as { type: string }).type).sort(),
    );
  });

  it.each([
    ['not an object', 'must be an object'],
    [null, 'must be an object'],
    [{ type: 'content:nope', payload: {} }, 'unknown message type'],
    [{ type: '__proto__', payload: {} }, 'unknown message type'],
    [{ type: 'content:claims' }, 'payload'],
    [{ type: 'content:scroll-to', payload: { id: 'not-a-uuid' } }, 'id must be a UUID'],
    [{ type: 'content:reattach', payload: { id: '<script>' } }, 'id must be a UUID'],
    [{ type: 'content:save-suggestion', payload: { text: 'x', sentence: 'x y' } }, 'claim type'],
    [
      {
        type: 'content:save-suggestion',
        payload: { text: 'x'.repeat(CONTENT_LIMITS.text + 1), sentence: 'x', type: 'quote' },
      },
      'text is longer',
    ],
    [{ type: 'page:load', payload: { url: 'https://a.example/', aliases: [] } }, 'unknown'],
  ])('refuses %j (%s)', (message, why) => {
    const parsed = parseContentMessage(message);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(new RegExp(why.replace(/\W/g, '.')));
  });

  it('the background refuses the content direction, and the other way round', () => {
    expect(parseRequest({ type: 'content:claims', payload: {} }).ok).toBe(false);
    for (const type of Object.keys(BACKGROUND_VALIDATORS)) {
      expect(Object.hasOwn(CONTENT_VALIDATORS, type)).toBe(false);
    }
  });

  it('serves through the handlers; a thrown error comes back as data', async () => {
    const handlers = {
      'content:scroll-to': vi.fn(async ({ id }: { id: string }) => ({ found: id === ID })),
      'content:save-selection': vi.fn(async () => {
        throw new Error('Select some text on the page first.');
      }),
    } as unknown as Handlers<ContentProtocol>;
    expect(
      await serveMessage(CONTENT_VALIDATORS, handlers, {
        type: 'content:scroll-to',
        payload: { id: ID },
      }),
    ).toEqual({ ok: true, value: { found: true } });
    expect(
      await serveMessage(CONTENT_VALIDATORS, handlers, {
        type: 'content:save-selection',
        payload: {},
      }),
    ).toEqual({ ok: false, error: 'Select some text on the page first.' });
    expect(
      await serveMessage(CONTENT_VALIDATORS, handlers, { type: 'content:scroll-to', payload: {} }),
    ).toMatchObject({ ok: false });
    expect(handlers['content:scroll-to']).toHaveBeenCalledTimes(1);
  });
});

describe('the tab client', () => {
  it('sends { type, payload } to the tab and returns its Result', async () => {
    const send = vi.fn(async () => ({ ok: true, value: { found: true } }));
    const sendToTab = createTabClient(send);
    expect(await sendToTab(4, 'content:scroll-to', { id: ID })).toEqual({
      ok: true,
      value: { found: true },
    });
    expect(send).toHaveBeenCalledWith(4, { type: 'content:scroll-to', payload: { id: ID } });
  });

  it('a tab without a content script, or one that answers nothing, is { ok: false }, no retry', async () => {
    const missing = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect(await createTabClient(missing)(1, 'content:claims', {})).toEqual({
      ok: false,
      error: 'Could not establish connection. Receiving end does not exist.',
      unanswered: true,
    });
    expect(missing).toHaveBeenCalledTimes(1);
    const silent = vi.fn(async () => undefined);
    expect(await createTabClient(silent)(1, 'content:claims', {})).toEqual({
      ok: false,
      error: 'The page did not answer.',
      unanswered: true,
    });
  });
});
