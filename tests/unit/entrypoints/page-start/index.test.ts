/**
 * What the parts of the content script (page-start: on every page; page-awake: injected when it
 * is woken; page-paint: injected
 * when the page has claims; page-ui: injected when the reader needs it) pull in, followed through every module it imports (re-exports and
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

describe.each([
  'entrypoints/page-start/index.ts',
  'entrypoints/page-awake/index.ts',
  'entrypoints/page-paint/index.ts',
  'entrypoints/page-ui/index.ts',
])('the content script %s', (entry) => {
  const { files, packages } = closure(entry);

  it('never reaches Dexie or a Dexie module of the store', () => {
    expect([...packages].filter((p) => p === 'dexie' || p.startsWith('dexie/'))).toEqual([]);
    expect(
      [...files].filter((f) => f.startsWith('utils/store/') && f !== 'utils/store/settings.ts'),
    ).toEqual([]);
  });

  it('imports no stylesheet (WXT would inject it into the web page)', () => {
    expect([...files].filter((f) => /\.css$/.test(f))).toEqual([]);
  });
});

describe('the parts of the content script', () => {
  it('the painter reaches the session and the settings, the page UI its UI (the walk works)', () => {
    const painter = closure('entrypoints/page-paint/index.ts');
    expect(painter.files).toContain('utils/page/session/index.ts');
    expect(painter.files).toContain('utils/page/highlight/paint.ts');
    expect(painter.files).toContain('utils/store/settings.ts');
    const { files, packages } = closure('entrypoints/page-ui/index.ts');
    expect(files).toContain('components/InPageUi.tsx');
    expect(packages).toContain('@mozilla/readability');
  });

  it('the painter reaches no UI, Readability or suggestions', () => {
    const { files, packages } = closure('entrypoints/page-paint/index.ts');
    expect(
      [...files].filter((f) => /^(components|entrypoints\/page-ui|utils\/suggest)\//.test(f)),
    ).toEqual([]);
    expect([...files]).not.toContain('utils/page/extract.ts');
    expect([...packages].filter((p) => /^(preact|@mozilla\/readability)/.test(p))).toEqual([]);
  });

  it('the always-on script, asleep, reaches no page code but the wake-up (the rest is page-awake)', () => {
    const { files } = closure('entrypoints/page-start/index.ts');
    expect([...files].filter((f) => f.startsWith('utils/page/')).sort()).toEqual([
      'utils/page/handoff.ts',
      'utils/page/selection-end.ts',
    ]);
    expect([...files]).not.toContain('entrypoints/page-awake/index.ts');
  });

  it('the awake always-on script reaches no UI, anchoring, painting, Readability or suggestions', () => {
    const { files, packages } = closure('entrypoints/page-awake/index.ts');
    // (selection.ts takes one constant from the text model; the bundle keeps only that.)
    expect(
      [...files]
        .filter((f) => f !== 'utils/page/anchoring/text-model.ts')
        .filter((f) =>
          /^(components|entrypoints\/page-(paint|ui)|utils\/page\/(anchoring|highlight|session)|utils\/suggest)\//.test(
            f,
          ),
        ),
    ).toEqual([]);
    expect(
      [...packages].filter((p) => /^(preact|@mozilla\/readability|approx-string-match)/.test(p)),
    ).toEqual([]);
  });

  it('the same walk from the popup does find the store and a stylesheet (the check can fail)', () => {
    const popup = closure('entrypoints/popup/main.tsx');
    expect(popup.packages).toContain('dexie');
    expect([...popup.files].some((f) => f.endsWith('.css'))).toBe(true);
  });
});
