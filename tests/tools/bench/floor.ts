/**
 * The floor of any painter of `<mark>` elements, for `npm run bench:pageload`: a bare extension,
 * written into a temporary directory, whose service worker injects one script into the page with
 * 50 claims as our background injects the painter (`scripting.executeScript` with a file at the
 * tab's `loading` and `complete` updates, run when the document is idle; the second one finds it
 * painted and returns). The script walks the Text nodes as our
 * text model does (the same skipped subtrees: utils/page/anchoring/text-model.ts), takes the 50
 * claims' offsets as known (no search, no normalization, no context, no secondary text), splits
 * and wraps them in marks cloned from one, with one adopted sheet, and sets the ready marker.
 * Nothing else: no message, no claim but its offsets, no watcher, no session, no slices. What
 * Claimmark costs above this row is ours to cut; what this row costs, no painter of marks from an
 * extension's isolated world avoids.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SKIPPED_SELECTOR } from '../../../utils/page/anchoring/text-model';
import { HIGHLIGHT_ATTRIBUTE } from '../../../utils/page/highlight/style';

/** One claim for the floor: its offsets in guardian-1's text model and an id. */
export interface FloorClaim {
  id: string;
  start: number;
  end: number;
}

/** The page script: plain ES2020, one function, no bundler. */
function floorScript(claims: readonly FloorClaim[]): string {
  return `(() => {
if (document.documentElement.dataset.floorMarks) return; // injected twice: painted already
const CLAIMS = ${JSON.stringify(claims.map((c) => [c.start, c.end, c.id]))};
const doc = document, root = doc.body;
const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
const jumps = new Map();
let outer;
for (const el of root.querySelectorAll(${JSON.stringify(SKIPPED_SELECTOR)})) {
  if (outer && outer.contains(el)) continue;
  outer = el;
  walker.currentNode = el;
  const first = walker.nextNode();
  if (!first || !el.contains(first)) continue;
  walker.currentNode = el;
  jumps.set(first, walker.lastChild() || first);
}
walker.currentNode = root;
const nodes = [], starts = [];
let length = 0;
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const last = jumps.size ? jumps.get(n) : undefined;
  if (last) { walker.currentNode = last; continue; }
  nodes.push(n); starts.push(length); length += n.data.length;
}
const at = (offset) => {
  let lo = 0, hi = starts.length - 1, found = -1;
  while (lo <= hi) { const mid = (lo + hi) >> 1; if (starts[mid] <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1; }
  return found;
};
const sheet = new CSSStyleSheet();
sheet.replaceSync('mark.floor[${HIGHLIGHT_ATTRIBUTE}]{background:#fde68a!important;color:inherit!important}');
doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
const template = doc.createElement('mark');
template.className = 'floor';
// Every portion is read before the DOM changes, then each Text node is cut once, right to left.
const cuts = new Map();
const portions = CLAIMS.map(([start, end]) => {
  const out = [];
  for (let k = Math.max(0, at(start)); k < nodes.length && starts[k] < end; k++) {
    const size = (k + 1 < starts.length ? starts[k + 1] : length) - starts[k];
    const s = Math.max(0, start - starts[k]), e = Math.min(size, end - starts[k]);
    if (e <= s) continue;
    let set = cuts.get(nodes[k]);
    if (!set) cuts.set(nodes[k], (set = new Set()));
    if (s > 0) set.add(s);
    if (e < size) set.add(e);
    out.push([nodes[k], s, e]);
  }
  return out;
});
const pieces = new Map();
for (const [node, set] of cuts) {
  const list = [node], from = [0];
  for (const offset of [...set].sort((a, b) => b - a)) {
    list.splice(1, 0, node.splitText(offset));
    from.splice(1, 0, offset);
  }
  pieces.set(node, [list, from]);
}
let marks = 0;
CLAIMS.forEach(([, , id], i) => {
  for (const [node, s, e] of portions[i]) {
    const [list, from] = pieces.get(node);
    let mark;
    for (let j = 0; j < list.length; j++) {
      if (from[j] < s || from[j] >= e) continue;
      if (!mark || mark.nextSibling !== list[j]) {
        mark = template.cloneNode(false);
        mark.setAttribute('${HIGHLIGHT_ATTRIBUTE}', id);
        list[j].before(mark);
        marks++;
      }
      mark.appendChild(list[j]);
    }
  }
});
doc.documentElement.dataset.claimmark = 'ready';
doc.documentElement.dataset.floorMarks = String(marks);
})();`;
}

/** Write the bare extension for the page at `path` (e.g. `/with-50/`); returns its directory. */
export function writeFloorExtension(path: string, claims: readonly FloorClaim[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimmark-floor-'));
  const manifest = {
    manifest_version: 3,
    name: 'Painter floor (bench)',
    version: '1.0',
    permissions: ['scripting'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'worker.js' },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(
    join(dir, 'worker.js'),
    `chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (!change.status || !(tab.url || '').endsWith(${JSON.stringify(path)})) return;
  chrome.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['floor.js'] }).catch(() => {});
});`,
  );
  writeFileSync(join(dir, 'floor.js'), floorScript(claims));
  return dir;
}
