import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

describe('README', () => {
  it('has a quick start of exactly the two commands, and they exist', () => {
    const quickStart = readme.split('## Quick start')[1]?.split('```')[1] ?? '';
    expect(quickStart.trim().replace(/^sh\n/, '').split('\n')).toEqual([
      'npm ci && npm start',
      'npm ci && npm test',
    ]);
    expect(pkg.scripts.start).toContain('tests/tools/start.ts');
    expect(pkg.scripts.test).toContain('test:e2e');
  });

  it('names only scripts that package.json defines', () => {
    const named = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(3);
    for (const script of named) expect(pkg.scripts, script).toHaveProperty(script);
  });
});
