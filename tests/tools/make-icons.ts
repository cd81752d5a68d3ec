/**
 * Draws Claimmark's icon — a highlighter-yellow rounded square with a dark closing quotation mark
 * — as SVG and renders it with the system Chromium at every size the stores and browsers ask for:
 * public/icon/<size>.png, which WXT lists in the manifest (`icons`) by itself.
 *
 *   npx tsx tests/tools/make-icons.ts
 *
 * The PNGs are committed; run this again only when the drawing changes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, ROOT } from '../e2e/harness';

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

/** One mark of the quotation sign: a round head with a tail sweeping down-left. */
function quoteMark(x: number): string {
  return (
    `<circle cx="${x}" cy="55" r="15"/>` +
    `<path d="M ${x + 15} 55 C ${x + 15} 78 ${x + 2} 94 ${x - 17} 99 ` +
    `L ${x - 20} 91 C ${x - 8} 85 ${x} 76 ${x} 62 Z"/>`
  );
}

export function iconSvg(): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="100%" height="100%">',
    '<rect x="4" y="4" width="120" height="120" rx="28" fill="#ffd23f" stroke="#c99a00" stroke-width="4"/>',
    `<g fill="#1f2430">${quoteMark(46)}${quoteMark(86)}</g>`,
    '</svg>',
  ].join('');
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('No Chromium: apt-get install -y chromium, or CHROMIUM_PATH.');
  const dir = join(ROOT, 'public', 'icon');
  mkdirSync(dir, { recursive: true });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">` +
          `<div style="width:${size}px;height:${size}px">${iconSvg()}</div></body></html>`,
      );
      const png = await page.screenshot({ omitBackground: true });
      writeFileSync(join(dir, `${size}.png`), png);
      await page.close();
      console.log(`public/icon/${size}.png`);
    }
  } finally {
    await browser.close();
  }
}

await main();
