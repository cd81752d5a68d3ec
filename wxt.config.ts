import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

/**
 * The always-on script must not touch `chrome` at load (README "Lazy page UI"): its first touch
 * sets up the extension bindings of the isolated world (~0.6 ms a page, `get app` in a CPU
 * profile). WXT's bundle keeps one statement of `@wxt-dev/browser` (pulled in by WXT's storage
 * utilities) whose value nobody uses but whose `globalThis.chrome` read rollup cannot drop:
 * `globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;`. Drop it from
 * page-start.js and page-paint.js (each looks the API up when it first needs it:
 * entrypoints/page-start/index.ts, entrypoints/page-paint/index.ts — a painter the background
 * started only paints); tests/unit/entrypoints/page-start/quiet.test.ts checks the build.
 */
const UNUSED_API_LOOKUP =
  /(^|[;{}\s])globalThis\.browser\?\.runtime\?\.id\s*\?\s*globalThis\.browser\s*:\s*globalThis\.chrome\s*;/g;
const quietPageStart = (): Plugin => ({
  name: 'claimmark:quiet-page-start',
  enforce: 'post',
  generateBundle(_options, bundle) {
    for (const name of ['page-start.js', 'page-paint.js']) {
      const chunk = bundle[name];
      if (chunk?.type === 'chunk') chunk.code = chunk.code.replace(UNUSED_API_LOOKUP, '$1');
    }
  },
});

/**
 * page-start.js without WXT's unlisted-script wrapper (a logger object of four closures and two
 * try/catch blocks, which only log in development; this project has no WXT plugins to start):
 * its entry only runs `main()`. Every page compiles and runs this file (README "Page load").
 */
const PAGE_START_ENTRY =
  /^\0virtual:wxt-unlisted-script-entrypoint\?(.*\/entrypoints\/page-start\/index\.ts)$/;
const barePageStart = (): Plugin => ({
  name: 'claimmark:bare-page-start',
  enforce: 'pre',
  load(id) {
    const path = PAGE_START_ENTRY.exec(id)?.[1];
    if (path) return `import definition from ${JSON.stringify(path)};\ndefinition.main();\n`;
  },
});

// Build configuration. Auto-imports are off so every file shows what it depends on.
export default defineConfig({
  imports: false,
  // CLAIMMARK_OUT_DIR lets parallel builds (benchmarks, soak) use their own directory.
  outDir: process.env.CLAIMMARK_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: 'Claimmark',
    description: 'Mark, tag, find and export the claims that matter in industry news.',
    // Each permission is justified in README.md ("Permissions").
    permissions: ['storage', 'tabs', 'webRequest', 'contextMenus', 'scripting', 'alarms'],
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Claimmark: search your claims' },
    // The always-on content script (entrypoints/page-start, 1.3 KB; its awake part, the painter and
    // the page UI are injected by the background only when needed: README "Performance").
    content_scripts: [{ matches: ['<all_urls>'], js: ['page-start.js'], run_at: 'document_end' }],
    commands: {
      'save-claim': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the selected text as a claim',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'claimmark@claimmark.dev',
              // 140 (the ESR) is the first Firefox that reads data_collection_permissions.
              strict_min_version: '140.0',
              // Firefox's built-in data consent (required for new add-ons on AMO): Claimmark
              // sends nothing anywhere; claims stay in the extension's own storage.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [preact(), barePageStart(), quietPageStart()],
    // Dexie's source contains U+FFFF; Chromium refuses non-UTF-8-clean scripts without this.
    esbuild: { charset: 'ascii' },
    // CLAIMMARK_MINIFY=false keeps names readable for `npm run profile:pageload`.
    ...(process.env.CLAIMMARK_MINIFY === 'false' ? { build: { minify: false } } : {}),
  }),
});
