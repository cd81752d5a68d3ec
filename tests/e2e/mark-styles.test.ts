/**
 * Highlights are styled by one stylesheet the painter adopts into the document (no inline style
 * per mark, utils/page/highlight/style.ts), in real Chromium: the page's own CSS — `!important`
 * rules on `mark`, on everything, with an id — does not hide or restyle them, under a strict CSP
 * too, and a page script that replaces the document's adopted sheets gets ours back at the next
 * paint.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { highlights, saveClaim, waitForContentScript } from './harness';
import { useExtension } from './use-extension';
import { TYPE_COLOURS } from '../../utils/page/highlight/style';

const env = useExtension();

const HOSTILE_CSS = `
mark { background: none !important; display: none !important; padding: 30px !important;
  color: rgb(255, 0, 0) !important; border: 5px solid black !important; }
* { cursor: text !important; }
#lead mark, body #lead .claimmark-highlight[data-annotation-id] { background-color: black !important; }`;

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Styles</title>
<style>${HOSTILE_CSS}</style></head>
<body><article><p id="lead" style="color: rgb(0, 0, 128)">The company reported $17 billion in sales last year.</p>
<p id="other">Staff are asked to be in the office five days a week from April.</p></article></body></html>`;

interface Look {
  display: string;
  background: string;
  expected: string;
  color: string;
  padding: string;
  border: string;
  cursor: string;
  styleAttribute: boolean;
}

/** The computed look of the first mark, and the computed colour of a `figure` highlight. */
function lookOf(page: Page, colour: string): Promise<Look> {
  return page.evaluate((colour) => {
    const mark = document.querySelector('mark[data-annotation-id]')!;
    const probe = document.createElement('span');
    probe.style.setProperty('background-color', colour);
    document.body.append(probe);
    const expected = getComputedStyle(probe).backgroundColor;
    probe.remove();
    const style = getComputedStyle(mark);
    return {
      display: style.display,
      background: style.backgroundColor,
      expected,
      color: style.color,
      padding: style.paddingTop,
      border: style.borderTopStyle,
      cursor: style.cursor,
      styleAttribute: mark.hasAttribute('style'),
    };
  }, colour);
}

function expectOurLook(look: Look): void {
  expect(look).toMatchObject({
    display: 'inline',
    background: look.expected,
    color: 'rgb(0, 0, 128)', // the paragraph's, inherited
    padding: '0px',
    border: 'none',
    cursor: 'pointer',
    styleAttribute: false,
  });
}

async function open(path: string, headers?: Record<string, string>): Promise<Page> {
  env.server.set(path, ARTICLE, headers);
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await waitForContentScript(page);
  return page;
}

describe('highlight styles (Chromium)', () => {
  it("the page's CSS neither hides nor restyles a highlight, saved or painted at load", async () => {
    const page = await open('/styles-hostile/', {
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'",
    });
    await saveClaim(page, '$17 billion', 'Figure', { within: 'article' });
    expectOurLook(await lookOf(page, TYPE_COLOURS.figure));
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.text)).toEqual(['$17 billion']);
    expectOurLook(await lookOf(page, TYPE_COLOURS.figure));
    await page.close();
  });

  it('a page that drops the adopted sheets gets ours back at the next paint', async () => {
    const page = await open('/styles-dropped/');
    await saveClaim(page, '$17 billion', 'Figure', { within: 'article' });
    await page.evaluate(() => {
      document.adoptedStyleSheets = [];
    });
    await saveClaim(page, 'five days a week', 'Claim', { within: 'article' });
    expectOurLook(await lookOf(page, TYPE_COLOURS.figure));
    await page.close();
  });
});
