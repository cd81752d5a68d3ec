/**
 * Page isolation, in real Chromium: a hostile page whose own script tries everything a web page can
 * do to reach Claimmark — message the extension, forge our message shapes, read our storage and
 * our DOM, rewrite or delete our marks, fetch our files, fake the reader's clicks — after a claim
 * with a secret note and tag was saved on it through the real toolbar. The claim must stay as
 * saved (checked in popup.html) and the page must learn nothing but what Claimmark renders in it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, highlights, selectText, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const env = useExtension();

/**
 * The attacker. Runs as the page's own script (main world), before Claimmark's content script:
 * it snapshots the original DOM so it can tell what Claimmark added, and records every `message`
 * it did not post itself (an answer from anyone would show up there).
 */
const HOSTILE_SCRIPT = String.raw`
(() => {
  const original = new WeakSet(document.querySelectorAll('*'));
  const originalAttrs = new Map(
    [...document.querySelectorAll('*')].map((el) => [el, el.getAttributeNames().join(' ')]),
  );
  const posted = new Set();
  const foreign = [];
  addEventListener('message', (event) => {
    if (!(event instanceof MessageEvent)) return; // our own CustomEvents named 'message'
    const key = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
    if (!posted.has(key)) foreign.push(key);
  });
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const host = () => document.querySelector('claimmark-ui');
  const shadowText = () => {
    const root = host() && host().shadowRoot;
    if (!root) return '';
    const values = [...root.querySelectorAll('input, textarea')].map((el) => el.value);
    return [root.textContent, ...values].join('\n');
  };
  const selectWords = (words) => {
    const text = [...document.querySelectorAll('p')].find((p) => p.textContent.includes(words));
    const node = [...text.childNodes].find((n) => n.nodeType === 3 && n.data.includes(words));
    const range = document.createRange();
    range.setStart(node, node.data.indexOf(words));
    range.setEnd(node, node.data.indexOf(words) + words.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  };
  const shapes = (id) => {
    const forged = {
      id: '00000000-0000-4000-8000-000000000000',
      url: location.href,
      quote: 'forged claim',
      selectors: [{ type: 'TextQuoteSelector', exact: 'five days a week', prefix: '', suffix: '' }],
      type: 'claim',
      tags: ['forged'],
      note: 'forged by the page',
    };
    return [
      { type: 'page:load', payload: { url: location.href, aliases: [] } },
      { type: 'annotation:save', payload: { annotation: forged } },
      { type: 'annotation:update', payload: { id, patch: { note: 'forged by the page' } } },
      { type: 'annotation:delete', payload: { id } },
      { type: 'annotation:restore', payload: { annotation: { ...forged, created: '2020-01-01T00:00:00Z', updated: '2020-01-01T00:00:00Z' } } },
      { type: 'annotations:anchored', payload: { results: [{ id, status: 'orphan' }] } },
      { type: 'tags:list', payload: {} },
      { type: 'content:claims', payload: {} },
      { type: 'content:save-selection', payload: {} },
      { type: 'content:save-suggestion', payload: { text: 'five days a week', sentence: 'five days a week', type: 'claim' } },
      { type: 'content:reload', payload: {} },
      { type: 'content:scroll-to', payload: { id } },
      { type: 'content:suggest', payload: {} },
      { type: 'content:location-changed', payload: {} },
    ];
  };

  window.hostile = {
    /** (a) Talk to the extension directly, by its id. */
    async messageExtension(extensionId, id) {
      const runtime = window.chrome && window.chrome.runtime;
      const message = { type: 'annotation:delete', payload: { id } };
      const attempts = {
        'sendMessage(id)': () => runtime.sendMessage(extensionId, message),
        'sendMessage()': () => runtime.sendMessage(message),
        'connect(id)': () => runtime.connect(extensionId).postMessage(message),
        'browser.runtime': () => window.browser.runtime.sendMessage(extensionId, message),
      };
      const outcome = { runtime: typeof runtime };
      for (const [name, attempt] of Object.entries(attempts)) {
        try {
          outcome[name] = 'answered: ' + JSON.stringify(await attempt());
        } catch (error) {
          outcome[name] = 'failed: ' + String(error && error.message);
        }
      }
      return outcome;
    },

    /** (b) Our message shapes through every channel a page has, with a selection to save. */
    async forgeMessages(id) {
      selectWords('five days a week');
      let sent = 0;
      for (const shape of shapes(id)) {
        for (const data of [shape, JSON.stringify(shape), { source: 'claimmark', ...shape }]) {
          posted.add(typeof data === 'string' ? data : JSON.stringify(data));
          window.postMessage(data, '*');
          sent++;
        }
        const targets = [window, document, document.documentElement, document.body, host()];
        for (const target of targets.filter(Boolean)) {
          for (const name of [shape.type, 'claimmark', 'message']) {
            target.dispatchEvent(
              new CustomEvent(name, { detail: shape, bubbles: true, composed: true }),
            );
            sent++;
          }
          posted.add(JSON.stringify(shape));
          target.dispatchEvent(new MessageEvent('message', { data: shape, bubbles: true }));
          sent++;
        }
      }
      // WXT's content-script context announces itself with a window message naming the
      // extension id; a newer copy of the same script announcing itself stops an older one.
      // Pretend to be that newer copy.
      for (const key of foreign.filter((m) => m.includes('wxt:content-script-started'))) {
        const announced = JSON.parse(key);
        const detail = { contentScriptName: announced.contentScriptName, messageId: 'page' };
        document.dispatchEvent(new CustomEvent(announced.type, { detail }));
        posted.add(JSON.stringify({ ...announced, messageId: 'page' }));
        window.postMessage({ ...announced, messageId: 'page' }, '*');
      }
      await sleep(1500);
      return { sent, foreign: foreign.slice() };
    },

    /** (c) Everything of ours the page can read. */
    async readOurData() {
      const added = [...document.querySelectorAll('*')]
        .filter((el) => !original.has(el))
        .map((el) => el.localName + '[' + el.getAttributeNames().sort().join(' ') + ']');
      const changed = [...originalAttrs]
        .filter(([el, attrs]) => el.getAttributeNames().join(' ') !== attrs)
        .map(([el, attrs]) => el.localName + ': ' + attrs + ' -> ' + el.getAttributeNames().join(' '));
      const databases = indexedDB.databases ? await indexedDB.databases() : [];
      return {
        databases: databases.map((d) => d.name),
        localStorage: Object.keys(localStorage),
        sessionStorage: Object.keys(sessionStorage),
        cookie: document.cookie,
        chromeStorage: typeof (window.chrome && window.chrome.storage),
        lightDom: document.documentElement.outerHTML,
        shadow: shadowText(),
        shadowOpen: Boolean(host() && host().shadowRoot),
        // The hand-off between our two scripts lives in the isolated world, not on the page's window.
        globals: Object.getOwnPropertyNames(window).filter((name) => /claimmark/i.test(name)),
        added: [...new Set(added)].sort(),
        changed,
      };
    },

    /** (d) Delete some of our marks and rewrite the others' ids. */
    async vandaliseMarks() {
      const marks = [...document.querySelectorAll('mark[data-annotation-id]')];
      marks.forEach((mark, i) => {
        if (i % 2 === 0) mark.replaceWith(...mark.childNodes);
        else mark.setAttribute('data-annotation-id', '00000000-0000-4000-8000-00000000000' + i);
      });
      for (const mark of document.querySelectorAll('mark')) {
        mark.setAttribute('data-annotation-id', 'ffffffff-ffff-4fff-bfff-ffffffffffff');
      }
      await sleep(800);
      return marks.length;
    },

    /** (e) Fetch our files, by URL and as an image. */
    async fetchOurFiles(extensionId) {
      const outcome = {};
      for (const file of ['manifest.json', 'popup.html', 'background.js', 'page-start.js', 'page-ui.js', 'icon/16.png']) {
        const url = 'chrome-extension://' + extensionId + '/' + file;
        try {
          const response = await fetch(url);
          outcome[file] = 'read ' + (await response.text()).length + ' characters';
        } catch (error) {
          outcome[file] = 'failed: ' + String(error && error.message);
        }
      }
      outcome.img = await new Promise((done) => {
        const img = new Image();
        img.onload = () => done('loaded');
        img.onerror = () => done('failed');
        img.src = 'chrome-extension://' + extensionId + '/icon/16.png';
      });
      return outcome;
    },

    /** Act as the reader: synthetic clicks, selections, keys and button presses. */
    async forgeReaderActions() {
      const mark = document.querySelector('mark[data-annotation-id]');
      mark.click();
      mark.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      await sleep(400);
      const cardOpened = /Delete claim/.test(shadowText());
      selectWords('five days a week');
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      document.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowRight', shiftKey: true, bubbles: true }));
      await sleep(400);
      const toolbarOpened = /Save claim/.test(shadowText());
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      const root = host() && host().shadowRoot;
      if (root) for (const button of root.querySelectorAll('button')) button.click();
      await sleep(1000);
      return { cardOpened, toolbarOpened };
    },

    /** Press every button of our UI, after the reader opened it. */
    async pressOurButtons() {
      const root = host() && host().shadowRoot;
      const pressed = [];
      if (!root) return pressed;
      for (const button of root.querySelectorAll('button')) {
        pressed.push(button.textContent.trim() || button.getAttribute('aria-label'));
        button.click();
        // Not cancelable: the browser submits the form or checks the radio whatever we do.
        button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      }
      for (const radio of root.querySelectorAll('input[type=radio]')) {
        radio.click();
        radio.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      }
      // On its own (not during a synthetic click): the submit event of requestSubmit() is trusted.
      await sleep(100);
      for (const form of root.querySelectorAll('form')) form.requestSubmit();
      for (const field of root.querySelectorAll('textarea, input')) {
        field.focus();
        field.value = 'forged by the page';
        field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
        field.blur();
      }
      await sleep(1000);
      return pressed;
    },
  };
})();
`;

const ARTICLE = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><article>
<h1>${title}</h1>
<p>The company reported $17 billion in sales last year, its filings show.</p>
<p>Staff are asked to be in the office five days a week from April.</p>
<p>Analysts expect growth to slow in the second half.</p>
</article>
<script>${HOSTILE_SCRIPT}</script>
</body></html>`;

type Hostile = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** Call one of the page script's attacks (in the page's own world). */
function attack<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ({ name, args }) =>
      (window as unknown as { hostile: Hostile }).hostile[name]!(...args) as Promise<T>,
    { name, args },
  );
}

/** The popup's claim count and its visible text (quotes, notes, tags of the recent claims). */
async function library(): Promise<{ count: number; text: string }> {
  const popup = await env.browser.context.newPage();
  await popup.goto(env.browser.popupUrl);
  const count = popup.getByText(/^\d+ claims?/);
  await count.waitFor();
  const result = {
    count: Number.parseInt((await count.textContent()) ?? '', 10),
    text: await popup.locator('body').innerText(),
  };
  await popup.close();
  return result;
}

/** A fresh hostile page with one claim saved on it through the toolbar, with a secret note and tag. */
async function hostilePage(name: string): Promise<{ page: Page; id: string; note: string }> {
  const note = `secret note ${name} 4f2a9c`;
  env.server.set(`/hostile-${name}/`, ARTICLE(`Hostile ${name}`));
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/hostile-${name}/`);
  await waitForContentScript(page);
  await selectText(page, '$17 billion', 'article');
  const toolbar = page.getByRole('dialog', { name: 'Claimmark' });
  await toolbar.getByRole('radio', { name: 'Figure' }).check();
  await toolbar.getByRole('combobox', { name: 'Tags' }).fill(`secrettag${name},`);
  await toolbar.getByRole('textbox', { name: 'Note' }).fill(note);
  await toolbar.getByRole('button', { name: /^Save/ }).click();
  await toolbar.waitFor({ state: 'detached', timeout: 5_000 });
  const painted = await highlights(page);
  expect(painted.map((h) => h.text)).toEqual(['$17 billion']);
  return { page, id: painted[0]!.id, note };
}

/** The claim is stored exactly as saved: same count as before, its note and tag in the popup. */
async function expectIntact(before: number, note: string, tag: string): Promise<void> {
  const after = await library();
  expect(after.count).toBe(before);
  expect(after.text).toContain(note);
  expect(after.text).toContain(tag);
  expect(after.text).not.toContain('forged');
}

describe('page isolation (Chromium)', () => {
  it('(a) the page cannot message the extension: no chrome.runtime, nothing answers', async () => {
    const { page, id, note } = await hostilePage('a');
    const before = (await library()).count;
    const outcome = await attack<Record<string, string>>(
      page,
      'messageExtension',
      env.browser.extensionId,
      id,
    );
    // No externally_connectable: Chromium gives a web page no chrome.runtime at all.
    expect(outcome.runtime).toBe('undefined');
    for (const [name, result] of Object.entries(outcome)) {
      if (name !== 'runtime') expect(result, name).toMatch(/^failed: /);
    }
    await expectIntact(before, note, 'secrettaga');
    await page.close();
  });

  it('(b) our message shapes posted or dispatched by the page do nothing', async () => {
    const { page, id, note } = await hostilePage('b');
    const before = (await library()).count;
    const { sent, foreign } = await attack<{ sent: number; foreign: string[] }>(
      page,
      'forgeMessages',
      id,
    );
    expect(sent).toBeGreaterThan(200);
    // Nobody answered, and Claimmark posts the page nothing: its always-on script is a plain
    // content script, without WXT's start-up announcement (which named the extension id).
    expect(foreign).toEqual([]);
    expect(await highlights(page)).toEqual([{ id, text: '$17 billion', type: 'figure' }]);
    await expectIntact(before, note, 'secrettagb');
    // Claimmark still works for the reader (the forged "newer script" stopped nothing).
    await page.locator(`mark[data-annotation-id="${id}"]`).click();
    const card = page.getByRole('dialog', { name: 'Edit claim' });
    await card.getByRole('button', { name: 'Delete claim' }).waitFor({ timeout: 5_000 });
    await card.getByRole('button', { name: 'Close' }).click();
    await selectText(page, 'five days a week', 'article');
    await page.getByRole('dialog', { name: 'Claimmark' }).waitFor({ timeout: 5_000 });
    await page.close();
  });

  it('(c) the page reads nothing of ours but the marks, until the reader opens a card', async () => {
    const { page, id, note } = await hostilePage('c');
    const seen = await attack<{
      databases: string[];
      localStorage: string[];
      sessionStorage: string[];
      cookie: string;
      chromeStorage: string;
      lightDom: string;
      shadow: string;
      shadowOpen: boolean;
      globals: string[];
      added: string[];
      changed: string[];
    }>(page, 'readOurData');
    // Our IndexedDB and storage live in the extension's origin, not the page's.
    expect(seen.databases).toEqual([]);
    expect(seen.localStorage).toEqual([]);
    expect(seen.sessionStorage).toEqual([]);
    expect(seen.cookie).toBe('');
    expect(seen.chromeStorage).toBe('undefined');
    expect(seen.globals).toEqual([]);
    // In the page's DOM: the marks (id and type, no text of ours; styled by one adopted sheet,
    // so no style attribute), the UI host, a ready flag.
    expect(seen.added).toEqual([
      'claimmark-ui[data-claimmark-ui style]',
      'mark[class data-annotation-id data-claim-type]',
    ]);
    expect(seen.changed).toEqual(['html: lang -> lang data-claimmark']);
    expect(seen.lightDom).toContain(id);
    for (const secret of [note, 'secrettagc']) {
      expect(seen.lightDom).not.toContain(secret);
      expect(seen.shadow).not.toContain(secret);
    }
    // By design the reader's card shows the note: what Claimmark renders (in an open shadow
    // root), the page can read while it is open.
    await page.locator(`mark[data-annotation-id="${id}"]`).click();
    await page.getByRole('button', { name: 'Delete claim' }).waitFor();
    const open = await attack<{ shadow: string; shadowOpen: boolean }>(page, 'readOurData');
    expect(open.shadowOpen).toBe(true);
    expect(open.shadow).toContain(note);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('(d) deleting or rewriting our marks leaves the stored claim untouched', async () => {
    const { page, id, note } = await hostilePage('d');
    const before = (await library()).count;
    expect(await attack<number>(page, 'vandaliseMarks')).toBeGreaterThan(0);
    await expectIntact(before, note, 'secrettagd');
    await page.reload();
    await waitForContentScript(page);
    expect(await highlights(page)).toEqual([{ id, text: '$17 billion', type: 'figure' }]);
    await page.close();
  });

  it('(e) the page cannot fetch our files; the manifest exposes none and accepts no page', async () => {
    const { page } = await hostilePage('e');
    const outcome = await attack<Record<string, string>>(
      page,
      'fetchOurFiles',
      env.browser.extensionId,
    );
    for (const [file, result] of Object.entries(outcome)) {
      expect(result, file).toMatch(/^failed/);
    }
    await page.close();
    const manifests = [EXTENSION_DIR, join(EXTENSION_DIR, '..', 'firefox-mv2')]
      .map((dir) => join(dir, 'manifest.json'))
      .filter((file) => existsSync(file));
    expect(manifests.length).toBeGreaterThan(0);
    for (const file of manifests) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(manifest, file).not.toHaveProperty('externally_connectable');
      expect(manifest, file).not.toHaveProperty('web_accessible_resources');
    }
  });

  it('the page cannot act as the reader: synthetic clicks, selections and keys do nothing', async () => {
    const { page, id, note } = await hostilePage('f');
    const before = (await library()).count;
    const forged = await attack<{ cardOpened: boolean; toolbarOpened: boolean }>(
      page,
      'forgeReaderActions',
    );
    expect(forged).toEqual({ cardOpened: false, toolbarOpened: false });
    expect(await highlights(page)).toEqual([{ id, text: '$17 billion', type: 'figure' }]);
    await expectIntact(before, note, 'secrettagf');
    await page.close();
  });

  it('the page cannot press our buttons or type into our fields when the reader opened them', async () => {
    const { page, id, note } = await hostilePage('g');
    const before = (await library()).count;
    // The card, opened by the reader: Delete, Copy, Close, the type radios, tags and note.
    await page.locator(`mark[data-annotation-id="${id}"]`).click();
    await page.getByRole('button', { name: 'Delete claim' }).waitFor();
    const pressed = await attack<string[]>(page, 'pressOurButtons');
    expect(pressed).toContain('Delete claim');
    expect(await highlights(page)).toEqual([{ id, text: '$17 billion', type: 'figure' }]);
    await expectIntact(before, note, 'secrettagg');
    // The toolbar, opened by the reader on a selection: the page presses Save.
    await page
      .getByRole('dialog', { name: 'Edit claim' })
      .getByRole('button', { name: 'Close' })
      .click();
    await selectText(page, 'five days a week', 'article');
    await page.getByRole('dialog', { name: 'Claimmark' }).waitFor();
    expect(await attack<string[]>(page, 'pressOurButtons')).toContain('Save claim');
    expect((await highlights(page)).map((h) => h.text)).toEqual(['$17 billion']);
    await expectIntact(before, note, 'secrettagg');
    await page.close();
  });
});
