/**
 * The layer rules of eslint.config.js fail the imports README "Architecture" forbids — also
 * through a re-export — and pass the ones it allows. Runs the real ESLint on source text placed
 * at a path in the tree (the file need not exist; what it imports does).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === 'boundaries/dependencies' || m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('lint: who may import whom', () => {
  it.each([
    ['utils/core/x.ts', "export { openDatabase } from '../store/db';", 'core', 'store'],
    [
      'utils/core/x.ts',
      "import { parseRequest } from '../protocol/to-background';\nparseRequest(1);",
      'core',
      'protocol',
    ],
    [
      'utils/protocol/x.ts',
      "import { anchor } from '../page/anchoring/anchor';\nanchor;",
      'protocol',
      'page',
    ],
    [
      'utils/store/x.ts',
      "import { revealMarks } from '../page/flash';\nrevealMarks;",
      'store',
      'page',
    ],
    [
      'utils/page/x.ts',
      "import { openDatabase } from '../store/db';\nopenDatabase;",
      'page',
      'store',
    ],
    ['utils/page/x.ts', "export * from '../store/tags';", 'page', 'store'],
    [
      'components/X.tsx',
      "import { openDatabase } from '../utils/store/db';\nopenDatabase;",
      'components',
      'store',
    ],
    [
      'components/X.tsx',
      "import { createPageSession } from '../utils/page/session';\ncreatePageSession;",
      'components',
      'page',
    ],
    [
      'entrypoints/popup/x.ts',
      "import { requestedTab } from '../sidepanel/tab-claims';\nrequestedTab;",
      'entrypoint-popup',
      'entrypoint-sidepanel',
    ],
    [
      'entrypoints/sidepanel/x.ts',
      "import { openClaim } from '../popup/open-claim';\nopenClaim;",
      'entrypoint-sidepanel',
      'entrypoint-popup',
    ],
    [
      'entrypoints/content/x.ts',
      "import { openDatabase } from '../../utils/store/db';\nopenDatabase;",
      'entrypoint-content',
      'store',
    ],
    [
      'entrypoints/content/x.ts',
      "import { createHandlers } from '../../utils/store/handlers';\ncreateHandlers;",
      'entrypoint-content',
      'store',
    ],
  ])('%s: %s fails (%s → %s)', async (file, code, from, to) => {
    const errors = await boundaryErrors(file, `${code}\n`);
    expect(errors.join('\n')).toMatch(new RegExp(`"${from}" to elements of type "${to}"`));
  });

  it.each(['utils/core/x.ts', 'utils/protocol/x.ts', 'utils/page/x.ts', 'utils/export/x.ts'])(
    '%s may not import Dexie',
    async (file) => {
      const errors = await boundaryErrors(file, "import Dexie from 'dexie';\nDexie;\n");
      expect(errors.join('\n')).toMatch(/Dexie belongs to utils\/store/);
    },
  );

  it('a re-export cannot smuggle a layer in: the file that re-exports fails', async () => {
    const errors = await boundaryErrors(
      'utils/page/reexport.ts',
      "export { openDatabase } from '../store/db';\n",
    );
    expect(errors).toHaveLength(1);
  });

  it.each([
    ['utils/protocol/x.ts', "import { isUuid } from '../core/uuid';\nisUuid;"],
    [
      'utils/store/x.ts',
      "import { parseRequest } from '../protocol/to-background';\nparseRequest;",
    ],
    [
      'utils/page/x.ts',
      "import type { Protocol } from '../protocol/to-background';\nexport type P = Protocol;",
    ],
    ['components/X.tsx', "import { TYPE_LABELS } from '../utils/core/claim-types';\nTYPE_LABELS;"],
    [
      'entrypoints/content/x.ts',
      "import { loadSettings } from '../../utils/store/settings';\nloadSettings;",
    ],
    [
      'entrypoints/popup/x.ts',
      "import { openDatabase } from '../../utils/store/db';\nopenDatabase;",
    ],
    ['utils/store/x.ts', "import Dexie from 'dexie';\nDexie;"],
  ])('%s: %s passes', async (file, code) => {
    expect(await boundaryErrors(file, `${code}\n`)).toEqual([]);
  });
});
