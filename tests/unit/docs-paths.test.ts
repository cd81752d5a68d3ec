/**
 * Docs that stay true: every repository path named in README.md and in the code's comments
 * exists — a file (with or without its .ts/.tsx), or a folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOTS = ['utils', 'components', 'entrypoints', 'tests', 'public'];
/** `utils/core/url.ts`, `tests/e2e/`, `components/ExportMenu.css`: a path from a top folder. */
const PATH = new RegExp(`(?<![\\w./@-])(?:${ROOTS.join('|')})/[\\w.@/-]*[\\w/]`, 'g');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'fixtures') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|tsx|js|css|html)$/.test(name)) out.push(path);
  }
  return out;
}

/** The comments of a source file (line, block and HTML), where prose names paths. */
function commentsOf(text: string): string {
  return [...text.matchAll(/\/\/[^\n]*|\/\*[^]*?\*\/|<!--[^]*?-->/g)].map((m) => m[0]).join('\n');
}

function exists(path: string): boolean {
  const bare = path.replace(/\/$/, '');
  return ['', '.ts', '.tsx', '/index.ts'].some((ext) => existsSync(`${bare}${ext}`));
}

const TRACKED = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n');

/** Paths named in `text` that are not there; `tests/e2e/hostile-*.test.ts`, `v<N>.json`: a prefix. */
function missingIn(text: string): string[] {
  const missing = new Set<string>();
  for (const m of text.matchAll(PATH)) {
    const path = m[0];
    const pattern = /^-?[*<]/.test(text.slice(m.index + path.length));
    const found = pattern ? TRACKED.some((f) => f.startsWith(path)) : exists(path);
    if (!found) missing.add(path);
  }
  return [...missing];
}

describe('paths named in the docs exist', () => {
  it('README.md', () => {
    expect(missingIn(readFileSync('README.md', 'utf8'))).toEqual([]);
  });

  it('comments in the code', () => {
    const files = [
      ...ROOTS.filter((r) => existsSync(r)).flatMap((r) => sourceFiles(r)),
      'eslint.config.js',
      'wxt.config.ts',
      'vitest.config.ts',
    ].filter(existsSync);
    const missing = files.flatMap((file) =>
      missingIn(commentsOf(readFileSync(file, 'utf8'))).map((p) => `${file}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('finds a path that is not there (the check can fail)', () => {
    expect(missingIn('see utils/transport.ts and utils/core/url.ts')).toEqual([
      'utils/transport.ts',
    ]);
  });
});

describe("README's Architecture", () => {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## Architecture');
  const block = readme.slice(
    readme.indexOf('```\n', start) + 4,
    readme.indexOf('\n```', start + 20),
  );
  const listed = new Set(block.split('\n').map((line) => line.split(/\s+/)[0]));

  function folders(dir: string): string[] {
    return readdirSync(dir)
      .filter((name) => statSync(join(dir, name)).isDirectory())
      .flatMap((name) => [`${dir}/${name}/`, ...folders(`${dir}/${name}`)]);
  }

  it('lists every folder of utils/ and every entrypoint, one line each', () => {
    const expected = [
      ...folders('utils'),
      ...readdirSync('entrypoints').map((name) =>
        statSync(join('entrypoints', name)).isDirectory()
          ? `entrypoints/${name}/`
          : `entrypoints/${name}`,
      ),
      'components/',
      ...folders('components'),
    ];
    expect(expected.filter((path) => !listed.has(path))).toEqual([]);
    expect(block.split('\n').filter((line) => line.trim()).length).toBe(listed.size);
  });
});
