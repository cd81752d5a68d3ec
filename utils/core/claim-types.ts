/**
 * The claim types — id, label and colour — in one place. Everything that shows a type reads it
 * from here: the highlight on the page (utils/page/highlight/style.ts), the in-page toolbar and
 * card (components/toolbar-styles.ts), and the extension pages' CSS custom properties
 * `--figure`, `--quote`, … (components/type-colours.ts sets them; no CSS file restates a
 * colour). Pure.
 *
 * One colour per type: a highlight paints it translucent (HIGHLIGHT_ALPHA) so the page's text and
 * overlaps stay readable; a badge, chip or border elsewhere paints the same colour as it looks
 * over white paper (`swatchOf`), so the Date badge in the popup is the Date highlight's colour.
 */

/** The kinds of claim a reader can mark. Order is the order shown in the UI. */
export const CLAIM_TYPES = ['figure', 'quote', 'date', 'forecast', 'claim'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export function isClaimType(value: unknown): value is ClaimType {
  return typeof value === 'string' && (CLAIM_TYPES as readonly string[]).includes(value);
}

export interface ClaimTypeInfo {
  label: string;
  /** The type's colour, `[r, g, b]` 0–255: saturated, distinct from the others. */
  rgb: readonly [number, number, number];
}

export const CLAIM_TYPE_INFO: Readonly<Record<ClaimType, ClaimTypeInfo>> = {
  figure: { label: 'Figure', rgb: [74, 222, 128] }, // green
  quote: { label: 'Quote', rgb: [96, 165, 250] }, // blue
  date: { label: 'Date', rgb: [251, 146, 60] }, // amber (towards orange, apart from yellow)
  forecast: { label: 'Forecast', rgb: [192, 132, 252] }, // purple
  claim: { label: 'Claim', rgb: [250, 204, 21] }, // yellow
};

// Pure: a bundle that does not use it (the always-on content script) drops it.
export const TYPE_LABELS: Readonly<Record<ClaimType, string>> = /* @__PURE__ */ Object.fromEntries(
  /* @__PURE__ */ CLAIM_TYPES.map((t) => [t, CLAIM_TYPE_INFO[t].label]),
) as Record<ClaimType, string>;

/** How opaque a highlight is: pale enough for black text, dark themes keep their text colour. */
export const HIGHLIGHT_ALPHA = 0.45;

/** The highlight's background: the type's colour, translucent (`rgba(…)`). */
export function highlightColourOf(type: ClaimType): string {
  const [r, g, b] = CLAIM_TYPE_INFO[type].rgb;
  return `rgba(${r}, ${g}, ${b}, ${HIGHLIGHT_ALPHA})`;
}

/** The highlight's colour as it shows over white, opaque (`#rrggbb`): badges, chips, borders. */
export function swatchOf(type: ClaimType): string {
  const over = (c: number) => Math.round(255 - HIGHLIGHT_ALPHA * (255 - c));
  return `#${CLAIM_TYPE_INFO[type].rgb.map((c) => over(c).toString(16).padStart(2, '0')).join('')}`;
}

/** The CSS custom properties of the types: `[['--figure', '#aef0c6'], …]`. */
export function typeColourProperties(): [name: string, value: string][] {
  return CLAIM_TYPES.map((t) => [`--${t}`, swatchOf(t)]);
}
