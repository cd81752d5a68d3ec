import { describe, expect, it } from 'vitest';
import type { ExportData, ExportResult, ExportScope } from '../../../utils/export/index';
import { runExport, type ExportRequest, type ExportSources } from '../../../utils/export/run';
import { claim, page } from '../../support/demo';

const A = page({ url: 'https://example.com/a', title: 'Page A' });
const B = page({ url: 'https://example.com/b', title: 'Page B' });
const LIBRARY: ExportData = {
  pages: [A, B],
  annotations: [
    claim({ id: '00000000-0000-4000-8000-000000000001', url: A.url, quote: 'one' }),
    claim({ id: '00000000-0000-4000-8000-000000000002', url: B.url, quote: 'two' }),
  ],
};

function sources(overrides: Partial<ExportSources> = {}) {
  const reads: ExportScope[] = [];
  const delivered: { file: ExportResult; action: string }[] = [];
  const src: ExportSources = {
    read: async (scope) => {
      reads.push(scope);
      return scope === 'all'
        ? LIBRARY
        : { pages: [A], annotations: LIBRARY.annotations.filter((a) => a.url === A.url) };
    },
    settings: async () => ({ defaultType: 'figure' }),
    deliver: async (file, action) => void delivered.push({ file, action }),
    now: () => new Date('2026-11-25T12:00:00Z'),
    ...overrides,
  };
  return { src, reads, delivered };
}

const request = (fields: Partial<ExportRequest>): ExportRequest => ({
  scope: 'page',
  format: 'markdown',
  action: 'download',
  frontMatter: false,
  bom: false,
  ...fields,
});

describe('runExport', () => {
  it('exports the scope asked for and names the file in the status', async () => {
    const { src, reads, delivered } = sources();
    const status = await runExport(request({ format: 'csv' }), src);
    expect(reads).toEqual(['page']);
    expect(delivered[0]?.file.filename).toBe('claimmark-2026-11-25.csv');
    expect(delivered[0]?.file.text).toContain('one');
    expect(delivered[0]?.file.text).not.toContain('two');
    expect(status).toBe('Exported 1 claim (claimmark-2026-11-25.csv).');
  });

  it('makes a backup of everything, with the settings, whatever the scope', async () => {
    const { src, reads, delivered } = sources();
    await runExport(request({ scope: 'results', format: 'json' }), src);
    expect(reads).toEqual(['all']);
    const backup = JSON.parse(delivered[0]!.file.text) as {
      annotations: unknown[];
      settings: unknown;
    };
    expect(backup.annotations).toHaveLength(2);
    expect(backup.settings).toEqual({ defaultType: 'figure' });
  });

  it('copies, with the title given for the scope and front matter', async () => {
    const { src, delivered } = sources({ title: () => 'Claims matching “gmv”' });
    const status = await runExport(
      request({ scope: 'all', action: 'copy', frontMatter: true }),
      src,
    );
    expect(status).toBe('Copied 2 claims.');
    expect(delivered[0]?.action).toBe('copy');
    expect(delivered[0]?.file.text).toMatch(/^---\ntitle: "Claims matching “gmv”"/);
  });

  it('fails without delivering when reading fails', async () => {
    const { src, delivered } = sources({
      read: () => Promise.reject(new Error('database closed')),
    });
    await expect(runExport(request({}), src)).rejects.toThrow('database closed');
    expect(delivered).toEqual([]);
  });
});
