/**
 * The claim types' CSS custom properties (`--figure`, `--quote`, `--date`, `--forecast`,
 * `--claim`) on an extension page, generated from utils/core/claim-types.ts so no CSS file
 * restates a colour. Each page's main.tsx calls it on its root element before the first render.
 * Set through CSSOM, which no content security policy blocks.
 */
import { typeColourProperties } from '../utils/core/claim-types';

export function applyTypeColours(root: HTMLElement): void {
  for (const [name, value] of typeColourProperties()) root.style.setProperty(name, value);
}
