// Lint rules, including the architecture's import boundaries (see README "Architecture").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

const browserApis = [
  { name: 'browser', message: 'Pass what you need in; utils/ never reaches for browser APIs.' },
  { name: 'chrome', message: 'Pass what you need in; utils/ never reaches for browser APIs.' },
];
// Pass the world in: a DOM function takes its root, document or window as a parameter, so it
// runs on any document (a test's jsdom, a detached clone) and never reads the page's globals.
const domGlobals = ['document', 'window', 'getSelection', 'location', 'indexedDB'].map((name) => ({
  name,
  message: 'DOM code takes its root/document/window as a parameter, never the globals.',
}));
/** What utils/ may not import: `browser`, UI — and Dexie, outside the store and search. */
const utilsImports = ({ dexie }) => [
  'error',
  {
    paths: [
      { name: 'wxt/browser', message: 'utils/ never reaches for browser APIs.' },
      ...(dexie
        ? []
        : [{ name: 'dexie', message: 'Dexie belongs to utils/store/ (and the search index).' }]),
    ],
    patterns: [{ group: ['preact', 'preact/*', '**/components/**'], message: 'utils/ has no UI.' }],
  },
];
const noDexie = {
  group: [
    'dexie',
    '**/utils/store/db',
    '**/utils/store/handlers',
    '**/utils/store/tags',
    '**/utils/store/page-edit',
  ],
  message: "The content script's IndexedDB is the web page's: talk to the background instead.",
};

/*
 * Who may import whom (README "Architecture"; checked by tests/unit/eslint-config.test.ts).
 * Every `import` and `export … from` is a dependency, so a re-export cannot smuggle a layer in.
 */
const ENTRYPOINTS = [
  'background',
  'page-start',
  'page-paint',
  'page-ui',
  'popup',
  'sidepanel',
  'options',
  'pdf',
];
/** The three parts of the content script (README "Nothing heavy on page load"). */
const CONTENT_SCRIPTS = ['page-start', 'page-paint', 'page-ui'];
const FEATURES = ['search', 'export', 'import', 'suggest', 'pdf'];
const elements = [
  { type: 'core', pattern: 'utils/core/**', partialMatch: false },
  { type: 'protocol', pattern: 'utils/protocol/**', partialMatch: false },
  { type: 'store', pattern: 'utils/store/**', partialMatch: false },
  { type: 'page', pattern: 'utils/page/**', partialMatch: false },
  { type: 'app', pattern: 'utils/app/**', partialMatch: false },
  ...FEATURES.map((name) => ({
    type: 'feature',
    pattern: `utils/${name}/**`,
    partialMatch: false,
  })),
  { type: 'components', pattern: 'components/**', partialMatch: false },
  ...ENTRYPOINTS.filter((name) => name !== 'background').map((name) => ({
    type: `entrypoint-${name}`,
    pattern: `entrypoints/${name}/**`,
    partialMatch: false,
  })),
  // What is left in entrypoints/ is background.ts (an entrypoint folder matched above).
  { type: 'entrypoint-background', pattern: 'entrypoints', partialMatch: false },
];
// The store's one module without Dexie (storage.local): the content script may read settings.
const files = [
  { category: 'no-dexie', pattern: 'utils/store/settings.ts' },
  // The in-page toolbar, card and undo bar, wired over a page's or a PDF's session: shared by the
  // content script and the PDF viewer (entrypoints may not import each other), so it lives here.
  { category: 'in-page-ui', pattern: 'components/InPageUi.tsx' },
];
const to = (...types) => ({ to: { element: { types: { anyOf: types } } } });
const settings = { to: { element: { type: 'store' }, file: { categories: 'no-dexie' } } };
const typesOnly = (...types) => ({ ...to(...types), dependency: { kind: 'type' } });
const layerPolicies = [
  { from: { element: { type: 'core' } }, allow: to('core') },
  { from: { element: { type: 'protocol' } }, allow: to('core', 'protocol') },
  {
    from: { element: { type: 'store' } },
    allow: to('core', 'protocol', 'store', 'feature'),
  },
  { from: { element: { type: 'page' } }, allow: to('core', 'protocol', 'page', 'feature') },
  // Feature folders: pure where they can be; the store's types (a Dexie table's shape) only.
  { from: { element: { type: 'feature' } }, allow: to('core', 'protocol', 'feature') },
  { from: { element: { type: 'feature' } }, allow: typesOnly('store') },
  { from: { element: { type: 'app' } }, allow: [to('core', 'protocol', 'feature'), settings] },
  // Presentational: the vocabulary, pure feature helpers, other components; message types only.
  { from: { element: { type: 'components' } }, allow: to('core', 'feature', 'components') },
  { from: { element: { type: 'components' } }, allow: typesOnly('protocol') },
  {
    from: { element: { type: 'components' }, file: { categories: 'in-page-ui' } },
    allow: to('page'),
  },
  // Entrypoints wire everything but each other; the content script never touches the store.
  ...ENTRYPOINTS.map((name) => ({
    from: { element: { type: `entrypoint-${name}` } },
    allow: [
      to(
        `entrypoint-${name}`,
        'core',
        'protocol',
        'page',
        'feature',
        'app',
        'components',
        ...(CONTENT_SCRIPTS.includes(name) ? [] : ['store']),
      ),
      settings,
    ],
  })),
];

export default tseslint.config(
  { ignores: ['.output/**', '.output-*/**', '.wxt/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        {
          property: 'innerHTML',
          message: 'Never build DOM from strings: use textContent / nodes.',
        },
        { property: 'outerHTML', message: 'Never build DOM from strings.' },
      ],
    },
  },
  {
    files: ['utils/**'],
    // utils/app/ is the one folder of utils/ bound to the extension pages: Preact hooks and
    // `browser` (useSettings, sendToTab). Everything else takes what it needs as a parameter.
    ignores: ['utils/app/**'],
    rules: {
      'no-restricted-globals': ['error', ...browserApis, ...domGlobals],
      'no-restricted-imports': utilsImports({ dexie: false }),
    },
  },
  {
    // Dexie is the store's (and the search index's middleware): nowhere else in utils/.
    files: ['utils/store/**', 'utils/search/**'],
    rules: { 'no-restricted-imports': utilsImports({ dexie: true }) },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-globals': ['error', ...browserApis, ...domGlobals],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'wxt/browser', message: 'Components are presentational.' }],
          patterns: [
            noDexie,
            { group: ['**/entrypoints/**'], message: 'Components are presentational.' },
          ],
        },
      ],
    },
  },
  {
    files: ['entrypoints/page-start/**', 'entrypoints/page-paint/**', 'entrypoints/page-ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDexie] }] },
  },
  {
    files: ['utils/app/**'],
    rules: { 'no-restricted-globals': ['error', ...domGlobals] },
  },
  {
    files: ['utils/**', 'components/**', 'entrypoints/**'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/files': files,
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: layerPolicies }],
    },
  },
  {
    files: ['tests/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
