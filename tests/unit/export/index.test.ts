import { describe, expect, it } from 'vitest';
import {
  EXPORT_FORMATS,
  exportDataFor,
  exportFilenameFor,
  exportLibrary,
} from '../../../utils/export/index';
import type { Progress } from '../../../utils/export/work';
import { hashId } from '../../../utils/export/hash-id';
import { toMarkdown } from '../../../utils/export/markdown';
import { demo } from '../../support/demo';

const NOW = new Date('2025-03-07T09:00:00.000Z');

describe('exportLibrary', () => {
  it('gives each format its file name, type and text', async () => {
    const data = demo();
    const files = await Promise.all(
      EXPORT_FORMATS.map((format) => exportLibrary(format, data, { now: NOW })),
    );
    expect(files.map(({ filename, mime }) => [filename, mime])).toEqual([
      ['claimmark-2025-03-07.md', 'text/markdown'],
      ['claimmark-backup-2025-03-07.json', 'application/json'],
      ['claimmark-annotations-2025-03-07.jsonld', 'application/ld+json'],
      ['claimmark-2025-03-07.csv', 'text/csv'],
    ]);
    expect(files[0]!.text).toBe(
      toMarkdown(data.pages, data.annotations, { exportedAt: '2025-03-07' }),
    );
    expect(JSON.parse(files[1]!.text)).toMatchObject({ exportedAt: NOW.toISOString() });
    expect(JSON.parse(files[2]!.text)).toMatchObject({ generated: NOW.toISOString(), total: 2 });
    expect(exportFilenameFor('csv', NOW)).toBe('claimmark-2025-03-07.csv');
  });

  it('passes the options on: front matter, title, BOM, no deep links, settings', async () => {
    const data = { ...demo(), settings: { defaultType: 'date' } };
    const md = await exportLibrary('markdown', data, {
      now: NOW,
      frontMatter: true,
      title: 'Memo',
    });
    expect(md.text.startsWith('---\ntitle: "TikTok Cracks Down')).toBe(true);
    expect(md.text).toContain('\n# Memo — 2025-03-07\n');
    const csv = await exportLibrary('csv', data, { now: NOW, bom: true, deepLinks: false });
    expect(csv.text.startsWith('\uFEFFsaved,')).toBe(true);
    expect(csv.text).not.toContain(':~:');
    const json = await exportLibrary('json', data, { now: NOW });
    expect(JSON.parse(json.text).settings).toEqual({ defaultType: 'date' });
  });

  it('works in slices, reports progress, and can be stopped', async () => {
    const { pages, annotations } = demo();
    const many = Array.from({ length: 1_000 }, (_, i) => ({
      ...annotations[1]!,
      id: hashId(`${i}`),
    }));
    const events: Progress[] = [];
    let yields = 0;
    await exportLibrary(
      'markdown',
      { pages, annotations: many },
      { sliceMs: 0, yieldToUi: async () => void yields++, onProgress: (p) => void events.push(p) },
    );
    expect(yields).toBeGreaterThan(1_000);
    expect(events.at(-1)).toEqual({ phase: 'export', done: 1_000, total: 1_000 });
    expect(events.every((e, i) => i === 0 || e.done >= events[i - 1]!.done)).toBe(true);

    const controller = new AbortController();
    const run = exportLibrary(
      'csv',
      { pages, annotations: many },
      { sliceMs: 0, signal: controller.signal, yieldToUi: async () => controller.abort() },
    );
    await expect(run).rejects.toThrow();
  });
});

describe('exportDataFor', () => {
  it('keeps the pages of the chosen claims, and settings only for everything', () => {
    const { pages, annotations } = demo();
    const library = {
      pages: [...pages, { ...pages[0]!, url: 'https://other.example/' }],
      annotations,
      settings: { a: 1 },
    };
    expect(exportDataFor('results', library, annotations.slice(0, 1))).toEqual({
      pages,
      annotations: annotations.slice(0, 1),
    });
    expect(exportDataFor('all', library, [])).toBe(library);
  });
});
