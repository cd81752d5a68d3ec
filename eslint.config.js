// Lint rules, including the architecture's import boundaries (see README "Architecture").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const browserApis = [
  { name: 'browser', message: 'Pass what you need in; utils/ never reaches for browser APIs.' },
  { name: 'chrome', message: 'Pass what you need in; utils/ never reaches for browser APIs.' },
];
const domGlobals = ['document', 'window', 'getSelection', 'location', 'indexedDB'].map((name) => ({
  name,
  message: 'DOM code takes its root/document as a parameter (STYLE.md rule 2).',
}));
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

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'coverage/**'] },
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
    rules: {
      'no-restricted-globals': ['error', ...browserApis, ...domGlobals],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'wxt/browser', message: 'utils/ never reaches for browser APIs.' }],
          patterns: [
            { group: ['preact', 'preact/*', '**/components/**'], message: 'utils/ has no UI.' },
          ],
        },
      ],
    },
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
    files: ['entrypoints/page-start/**', 'entrypoints/page-ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noDexie] }] },
  },
  {
    files: ['tests/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
