/** Styles of the in-page toolbar, claim card and undo bar, adopted into their shadow root. */
import { CLAIM_TYPES, swatchOf } from '../utils/core/claim-types';

/** The type chips in each type's colour (utils/core/claim-types.ts). */
const TYPE_CHIPS = CLAIM_TYPES.map((t) => `.type-${t} span { background: ${swatchOf(t)}; }`).join(
  '\n',
);

export const TOOLBAR_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.toolbar, .card, .undo {
  --bg: #ffffff; --fg: #1d2129; --muted: #545b64; --line: #c9ccd1; --accent: #1a56db; --danger: #b3261e;
  position: fixed; display: flex; flex-direction: column; gap: 6px; margin: 0;
  width: min(440px, calc(100vw - 16px)); padding: 8px; border-radius: 10px; border: 1px solid var(--line);
  background: var(--bg); color: var(--fg); box-shadow: 0 6px 24px rgba(0,0,0,.18);
  font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
}
.undo { flex-direction: row; align-items: center; width: auto; }
.pick { flex-wrap: wrap; max-width: min(520px, calc(100vw - 16px)); }
.pick-text { margin: 0; flex: 1 1 240px; }
.row { display: flex; align-items: center; gap: 6px; }
.row.end { justify-content: flex-end; }
.types { display: flex; flex-wrap: wrap; gap: 2px; border: 0; margin: 0; padding: 0; flex: 1; }
.type { position: relative; cursor: pointer; }
.type input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
.type span { display: inline-block; padding: 3px 8px; border-radius: 6px; border: 1px solid transparent; color: #1d2129; }
.type input:checked + span { border-color: #1d2129; font-weight: 600; box-shadow: inset 0 0 0 1px #1d2129; }
.type input:focus-visible + span { outline: 2px solid var(--accent); outline-offset: 1px; }
${TYPE_CHIPS}
.tag-input { position: relative; display: flex; flex-wrap: wrap; align-items: center; gap: 4px; flex: 1;
  padding: 2px 4px; border: 1px solid var(--muted); border-radius: 6px; background: var(--bg); }
.chips { display: contents; list-style: none; margin: 0; padding: 0; }
.chip { display: inline-flex; align-items: center; gap: 2px; padding: 1px 2px 1px 6px; border-radius: 10px; background: #e8eaed; color: #1d2129; }
.chip-remove { border: 0; background: transparent; color: inherit; padding: 0 4px; cursor: pointer; font: inherit; }
.tags { flex: 1 1 100px; min-width: 90px; padding: 3px 2px; border: 0; font: inherit; color: inherit; background: transparent; }
.tags:focus { outline: none; }
.tag-input:focus-within { outline: 2px solid var(--accent); outline-offset: 1px; }
.tag-options { position: absolute; top: 100%; left: 0; z-index: 1; min-width: 160px; margin: 2px 0 0; padding: 2px; list-style: none;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 4px 12px rgba(0,0,0,.15); }
.option { padding: 3px 6px; border-radius: 4px; cursor: pointer; }
.option.active, .option:hover { background: var(--accent); color: #fff; }
.note { width: 100%; resize: vertical; min-height: 28px; padding: 4px 6px; border: 1px solid var(--muted); border-radius: 6px;
  font: inherit; color: inherit; background: var(--bg); }
button { font: inherit; cursor: pointer; border-radius: 6px; padding: 4px 10px; }
.save { background: var(--accent); color: #fff; border: 1px solid var(--accent); font-weight: 600; }
.save:disabled { opacity: .6; cursor: progress; }
.secondary { background: transparent; color: var(--accent); border: 1px solid var(--accent); }
.danger { background: transparent; color: var(--danger); border: 1px solid var(--danger); }
.close { background: transparent; border: 1px solid transparent; color: var(--fg); padding: 2px 8px; margin-left: auto; }
button:focus-visible, .note:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.card-quote { flex: 1; font-style: italic; max-height: 4.2em; overflow: hidden; }
.hint, .status { margin: 0; color: var(--muted); }
.status:empty { display: none; }
.error { margin: 2px 0 0; color: var(--danger); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (prefers-color-scheme: dark) {
  .toolbar, .card, .undo { --bg: #202124; --fg: #e8eaed; --muted: #bdc1c6; --line: #5f6368; --accent: #8ab4f8; --danger: #f28b82; }
  .save { color: #202124; }
  .type input:checked + span { border-color: #e8eaed; box-shadow: inset 0 0 0 1px #1d2129; }
  .option.active, .option:hover { color: #202124; }
}
`;
