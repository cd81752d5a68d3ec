import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION, toBackupJson } from '../../../utils/export/json';
import { yamlString } from '../../../utils/export/yaml';
import type { Annotation } from '../../../utils/core/model';
import { demo, golden } from '../../support/demo';

const GOLDEN = 'tests/fixtures/golden/backup/demo.json';

describe('JSON backup', () => {
  it('writes the demo like the golden file (UPDATE_FIXTURES=1 regenerates it)', () => {
    const { pages, annotations } = demo();
    const output = toBackupJson(pages, annotations, {
      exportedAt: '2025-03-07T09:00:00.000Z',
      settings: { defaultType: 'figure', blockedSites: ['example.com'] },
    });
    expect(output).toBe(golden(GOLDEN, output));
  });

  it('is JSON with format and version first, records one per line, sorted', () => {
    const { pages, annotations } = demo();
    const text = toBackupJson(pages, [...annotations].reverse());
    const backup = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(backup)).toEqual(['format', 'version', 'pages', 'annotations']);
    expect(backup.format).toBe(BACKUP_FORMAT);
    expect(backup.version).toBe(BACKUP_VERSION);
    expect((backup.annotations as Annotation[]).map((a) => a.id)).toEqual([
      'b2f3c4d5-0000-4000-8000-000000000002',
      'a1e2d3c4-0000-4000-8000-000000000001',
    ]);
    expect(text).toBe(toBackupJson(pages, annotations));
    expect(text.split('\n').filter((line) => line.startsWith('    {'))).toHaveLength(3);
  });

  it('leaves out derived and unknown fields of stored records', () => {
    const { pages, annotations } = demo();
    const stored = annotations.map((a) => ({ ...a, terms: ['q:no'], extra: 1 }));
    const text = toBackupJson([{ ...pages[0]!, terms: ['s:x'] } as never], stored);
    expect(text).not.toMatch(/terms|extra/);
    expect((JSON.parse(text) as { annotations: unknown[] }).annotations).toEqual(
      [...annotations].sort((a, b) => a.created.localeCompare(b.created)),
    );
  });

  it('refuses settings that are not plain JSON', () => {
    expect(() => toBackupJson([], [], { settings: { f: () => 1 } as never })).toThrow(/JSON/);
    expect(() => toBackupJson([], [], { settings: [] as never })).toThrow(/object/);
  });

  it('writes an empty library', () => {
    expect(JSON.parse(toBackupJson([], []))).toEqual({
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      pages: [],
      annotations: [],
    });
  });
});

describe('yamlString', () => {
  it('double-quotes and escapes everything YAML could read as syntax or a line break', () => {
    expect(yamlString('plain')).toBe('"plain"');
    expect(yamlString('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
    expect(yamlString('l1\nl2\r\tx')).toBe('"l1\\nl2\\r\\tx"');
    expect(yamlString('\u0000\u001b\u007f\u0085\u2028\u2029\ufeff')).toBe(
      '"\\u0000\\u001b\\u007f\\N\\L\\P\\ufeff"',
    );
    expect(yamlString('- [x]: {y} # z & *a !t |')).toBe('"- [x]: {y} # z & *a !t |"');
    expect(yamlString('\uD800')).toBe('"\uFFFD"');
  });
});
