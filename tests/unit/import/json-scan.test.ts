import { describe, expect, it } from 'vitest';
import {
  JsonSyntaxError,
  lineAndColumn,
  scanJson,
  valueOf,
  type JsonPath,
} from '../../../utils/import/json-scan';
import { createRng } from '../../support/random';

const expandAll = (path: JsonPath) => path.length < 3;

async function read(text: string, expand = expandAll): Promise<unknown> {
  return valueOf(await scanJson(text, { expand }));
}

const SAMPLE = JSON.stringify(
  {
    format: 'x',
    list: [1, -2.5e3, true, false, null, 'a"b\\c\n\u2028', { k: [[], {}] }, '\\', '\\"'],
    nested: { deep: { deeper: [{ a: 'é😀' }] }, empty: '' },
    pages: [{ url: 'https://x/', t: 'q"' }, [1, [2, [3]]]],
  },
  null,
  1,
);

describe('scanJson', () => {
  it('reads what JSON.parse reads, at every walk depth', async () => {
    const docs = [
      SAMPLE,
      '[]',
      '{}',
      ' [ 1 , 2 ] ',
      '"just a string"',
      '42',
      'null',
      '{"a":{"b":[{"c":"\\"}"}]}}',
      '["\\\\\\"", "\\\\"]',
      '\n\t{"k" :\r\n [ ] }\n',
    ];
    for (const doc of docs) {
      for (const depth of [0, 1, 2, 5]) {
        expect(await read(doc, (path) => path.length < depth)).toEqual(JSON.parse(doc));
      }
    }
  });

  it('keeps the last of duplicate keys, as JSON.parse does, and never touches prototypes', async () => {
    expect(await read('{"a":1,"a":2,"b":3}')).toEqual({ a: 2, b: 3 });
    const value = (await read('{"__proto__":{"polluted":true},"x":{"__proto__":[1]}}')) as Record<
      string,
      unknown
    >;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('skips a byte order mark', async () => {
    expect(await read('\uFEFF{"a":1}')).toEqual({ a: 1 });
  });

  it('refuses everything JSON.parse refuses', async () => {
    const bad = [
      '',
      '   ',
      '{',
      '[',
      '{"a":1,}',
      '[1,]',
      '[1 2]',
      '{"a" 1}',
      '{a:1}',
      "{'a':1}",
      '[01]',
      '[tru]',
      '[NaN]',
      '[Infinity]',
      '{"a":1}x',
      '{"a":1}{}',
      '"unterminated',
      '{"a":"b\\"}',
      '[1,,2]',
      '{"a":[}]',
      '[,1]',
      '{,}',
      '{"a":1 "b":2}',
      '["a\u0001b"]',
      '["\\x41"]',
      '[1.]',
      '[-]',
      '{"a":}',
      ']',
    ];
    for (const text of bad) {
      expect(() => JSON.parse(text), text).toThrow();
      await expect(scanJson(text, { expand: expandAll }), text).rejects.toBeInstanceOf(
        JsonSyntaxError,
      );
    }
  });

  it('says when the text ends early (a cut-off file)', async () => {
    for (let cut = 1; cut < SAMPLE.length; cut += 7) {
      const error = await scanJson(SAMPLE.slice(0, cut), { expand: expandAll }).catch(
        (e: unknown) => e,
      );
      expect(error, `cut at ${cut}`).toBeInstanceOf(JsonSyntaxError);
    }
    const error = (await scanJson(SAMPLE.slice(0, SAMPLE.length / 2), {
      expand: expandAll,
    }).catch((e: unknown) => e)) as JsonSyntaxError;
    expect(error.truncated).toBe(true);
  });

  it('agrees with JSON.parse on 2,000 random mutations of a document', async () => {
    const random = createRng(20250307).next;
    const alphabet = '{}[],:"\\ 0-1.e+aZtn\u00e9\n';
    let accepted = 0;
    for (let i = 0; i < 2_000; i++) {
      const chars = [...SAMPLE];
      for (let m = 1 + Math.floor(random() * 3); m > 0; m--) {
        const at = Math.floor(random() * chars.length);
        const op = random();
        const c = alphabet[Math.floor(random() * alphabet.length)]!;
        if (op < 0.33) chars.splice(at, 1);
        else if (op < 0.66) chars.splice(at, 0, c);
        else chars[at] = c;
      }
      const text = chars.join('');
      let expected: unknown;
      let valid = true;
      try {
        expected = JSON.parse(text);
      } catch {
        valid = false;
      }
      const result = await scanJson(text, { expand: expandAll }).then(
        (node) => ({ ok: true as const, value: valueOf(node) }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (valid) {
        accepted++;
        expect(result.ok, text).toBe(true);
        if (result.ok) expect(result.value).toEqual(expected);
      } else {
        expect(result.ok, text).toBe(false);
        if (!result.ok) expect(result.error).toBeInstanceOf(JsonSyntaxError);
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('calls tick after each item of a walked array', async () => {
    const positions: number[] = [];
    await scanJson('{"list":[1,2,3],"x":[4]}', {
      expand: (path) => path.length < 2,
      tick: (_items, position) => void positions.push(position),
    });
    expect(positions).toEqual([10, 12, 14, 22]);
  });
});

describe('lineAndColumn', () => {
  it('counts from 1, as editors do', () => {
    expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});
