/** Styles of the in-page toolbar, adopted into its shadow root (see utils/ui-host.ts). */
export const TOOLBAR_CSS = `
:host { all: initial; }
.toolbar {
  position: fixed; display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
  max-width: min(520px, calc(100vw - 16px)); box-sizing: border-box; margin: 0;
  padding: 8px; border-radius: 10px; border: 1px solid #c9ccd1;
  background: #ffffff; color: #1d2129; box-shadow: 0 6px 24px rgba(0,0,0,.18);
  font: 13px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.types { display: flex; gap: 2px; border: 0; margin: 0; padding: 0; }
.type { position: relative; cursor: pointer; }
.type input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
.type span { display: inline-block; padding: 4px 8px; border-radius: 6px; border: 1px solid transparent; }
.type input:checked + span { border-color: #1d2129; font-weight: 600; }
.type input:focus-visible + span { outline: 2px solid #1a56db; outline-offset: 1px; }
.type-figure span { background: #c8f0c8; }
.type-quote span { background: #cfe3ff; }
.type-date span { background: #ffe3a3; }
.type-forecast span { background: #e6d4ff; }
.type-claim span { background: #fff3a0; }
.tags { flex: 1 1 120px; min-width: 100px; padding: 4px 6px; border: 1px solid #9aa0a6; border-radius: 6px; font: inherit; color: inherit; background: #fff; }
button { font: inherit; cursor: pointer; border-radius: 6px; padding: 4px 10px; }
.save { background: #1a56db; color: #fff; border: 1px solid #1a56db; font-weight: 600; }
.save:disabled { opacity: .6; cursor: progress; }
.close { background: transparent; border: 1px solid transparent; color: #1d2129; }
button:focus-visible, .tags:focus-visible { outline: 2px solid #1a56db; outline-offset: 1px; }
.error { flex-basis: 100%; margin: 2px 0 0; color: #b00020; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (prefers-color-scheme: dark) {
  .toolbar { background: #202124; color: #e8eaed; border-color: #5f6368; }
  .type span { color: #1d2129; }
  .type input:checked + span { border-color: #e8eaed; }
  .tags { background: #303134; color: #e8eaed; border-color: #80868b; }
  .close { color: #e8eaed; }
  .error { color: #ff8a80; }
}
`;
