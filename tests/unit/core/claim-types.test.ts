// @vitest-environment happy-dom
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLAIM_TYPES,
  CLAIM_TYPE_INFO,
  HIGHLIGHT_ALPHA,
  swatchOf,
  TYPE_LABELS,
  typeColourProperties,
} from '../../../utils/core/claim-types';
import { TYPE_COLOURS } from '../../../utils/page/highlight/style';
import { TOOLBAR_CSS } from '../../../components/toolbar-styles';
import { applyTypeColours } from '../../../components/type-colours';

/** Every stylesheet of the extension, with its text. */
function stylesheets(): { file: string; css: string }[] {
  const out: { file: string; css: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.css')) out.push({ file: path, css: readFileSync(path, 'utf8') });
    }
  };
  walk('components');
  walk('entrypoints');
  out.push({ file: 'components/toolbar-styles.ts', css: TOOLBAR_CSS });
  return out;
}

/** `rgba(r, g, b, a)` → the opaque colour it shows over white, as `#rrggbb`. */
function overWhite(rgba: string): string {
  const [r, g, b, a] = /rgba\(([^)]+)\)/.exec(rgba)![1]!.split(',').map(Number) as number[];
  return `#${[r!, g!, b!]
    .map((c) =>
      Math.round(255 - a! * (255 - c))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const rules = (css: string) =>
  [...css.replace(/\/\*[^]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    selector: m[1]!.trim(),
    body: m[2]!,
  }));

describe('claim types: one id, label and colour each', () => {
  it('every type has a label and a colour of its own', () => {
    expect(Object.keys(CLAIM_TYPE_INFO)).toEqual([...CLAIM_TYPES]);
    expect(Object.values(TYPE_LABELS)).toEqual(['Figure', 'Quote', 'Date', 'Forecast', 'Claim']);
    expect(new Set(CLAIM_TYPES.map(swatchOf)).size).toBe(CLAIM_TYPES.length);
  });

  it('the highlight on the page is the same colour as the badges and chips, over white', () => {
    for (const type of CLAIM_TYPES) {
      expect(TYPE_COLOURS[type]).toMatch(new RegExp(`, ${HIGHLIGHT_ALPHA}\\)$`));
      expect(overWhite(TYPE_COLOURS[type])).toBe(swatchOf(type));
    }
  });

  it('the in-page toolbar paints each type chip in its swatch', () => {
    for (const type of CLAIM_TYPES) {
      expect(TOOLBAR_CSS).toContain(`.type-${type} span { background: ${swatchOf(type)}; }`);
    }
  });

  it('the extension pages get the custom properties from the one table', () => {
    const root = document.documentElement;
    applyTypeColours(root);
    expect(typeColourProperties().map(([name]) => name)).toEqual(CLAIM_TYPES.map((t) => `--${t}`));
    for (const type of CLAIM_TYPES) {
      expect(root.style.getPropertyValue(`--${type}`)).toBe(swatchOf(type));
    }
  });

  it('no stylesheet restates a type colour: type rules use var(--type), none defines it', () => {
    const problems: string[] = [];
    const typeSelector = new RegExp(`(?:badge|type|claim)-(?:${CLAIM_TYPES.join('|')})\\b`);
    for (const { file, css } of stylesheets()) {
      for (const { selector, body } of rules(css)) {
        for (const type of CLAIM_TYPES) {
          if (new RegExp(`--${type}\\s*:`).test(body)) problems.push(`${file}: defines --${type}`);
        }
        if (!typeSelector.test(selector) || file.endsWith('.ts')) continue;
        if (
          /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i.test(body.replace(/(?<![-\w])color:\s*[^;]+;?/g, ''))
        ) {
          problems.push(`${file}: ${selector} names a colour instead of var(--type)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
