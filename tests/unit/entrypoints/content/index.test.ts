/**
 * What the content script pulls in, followed through every module it imports (re-exports and
 * dynamic imports included): never Dexie or a Dexie module of the store — its IndexedDB is the
 * web page's — and no stylesheet, which WXT would inject into every page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const IMPORT =
  /(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function resolveLocal(from: string, spec: string): string | null {
  const base = normalize(join(dirname(from), spec));
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    if (existsSync(base + ext) && !base.endsWith('/') && (ext || /\.\w+$/.test(base)))
      return base + ext;
  }
  return null;
}

/** Every local file and package reached from `entry`. */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.(ts|tsx)$/.test(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      if (spec.startsWith('.')) {
        const target = resolveLocal(file, spec);
        if (target) queue.push(target);
      } else packages.add(spec);
    }
  }
  return { files, packages };
}

describe('the content script', () => {
  const { files, packages } = closure('entrypoints/content/index.ts');

  it('reaches its UI and the page code (the walk works)', () => {
    expect(files).toContain('entrypoints/content/ui.tsx');
    expect(files).toContain('utils/page/session/index.ts');
    expect(files).toContain('utils/store/settings.ts');
  });

  it('never reaches Dexie or a Dexie module of the store', () => {
    expect([...packages].filter((p) => p === 'dexie' || p.startsWith('dexie/'))).toEqual([]);
    expect(
      [...files].filter((f) => f.startsWith('utils/store/') && f !== 'utils/store/settings.ts'),
    ).toEqual([]);
  });

  it('imports no stylesheet (WXT would inject it into the web page)', () => {
    expect([...files].filter((f) => /\.css$/.test(f))).toEqual([]);
  });

  it('the same walk from the popup does find the store and a stylesheet (the check can fail)', () => {
    const popup = closure('entrypoints/popup/main.tsx');
    expect(popup.packages).toContain('dexie');
    expect([...popup.files].some((f) => f.endsWith('.css'))).toBe(true);
  });
});
