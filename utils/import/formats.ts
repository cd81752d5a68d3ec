/**
 * Which other tool's file a JSON document is — a Hypothesis export or search response, an
 * Obsidian Web Clipper highlights export — and reading it (or a CSV's rows) through
 * readForeign. Pure.
 */
import type { Slicer } from '../export/work';
import type { ForeignRecord } from './foreign';
import { readForeign } from './foreign';
import { readCsvRow } from './csv';
import { readHypothesisAnnotation, REPLY } from './hypothesis';
import type { JsonNode } from './json-scan';
import { valueOf } from './json-scan';
import { obsidianRecords, readObsidianHighlight } from './obsidian';
import type { ParsedImport } from './types';

function list(root: JsonNode, key: string): JsonNode[] | undefined {
  const node = root.kind === 'object' ? root.members.get(key) : undefined;
  return node?.kind === 'array' ? node.items : undefined;
}

function has(root: JsonNode, key: string): boolean {
  return root.kind === 'object' && root.members.has(key);
}

function recordsOf(nodes: JsonNode[]): ForeignRecord[] {
  return nodes.map((node, index) => ({ value: () => valueOf(node), index }));
}

/** The file read as another tool's, or null when it is none of them. */
export function foreignFile(
  root: JsonNode,
  slicer: Slicer,
  now: string,
): Promise<ParsedImport> | null {
  const annotations = list(root, 'annotations');
  const rows = list(root, 'rows');
  const exported =
    annotations &&
    (has(root, 'export_date') || has(root, 'export_userid') || has(root, 'client_version'));
  if (exported || (rows && has(root, 'total'))) {
    const replies = list(root, 'replies')?.length ?? 0;
    return readForeign({
      format: 'hypothesis',
      records: recordsOf(exported ? annotations : rows!),
      read: (value, onFix) => readHypothesisAnnotation(value, { now, onFix }),
      slicer,
      ...(replies ? { leftOut: [{ reason: REPLY, count: replies }] } : {}),
    });
  }
  if (root.kind === 'array' && root.items.length > 0) {
    const first = valueOf(root.items[0]!);
    if (
      typeof first === 'object' &&
      first !== null &&
      !Array.isArray(first) &&
      !('type' in first) &&
      Array.isArray((first as Record<string, unknown>).highlights)
    ) {
      const { records, rejections } = obsidianRecords(root.items.map(valueOf));
      return readForeign({
        format: 'obsidian',
        records,
        rejections,
        read: (value, onFix) => readObsidianHighlight(value, { now, onFix }),
        slicer,
      });
    }
  }
  return null;
}

export async function readCsv(
  records: ForeignRecord[],
  slicer: Slicer,
  now: string,
): Promise<ParsedImport> {
  let unknownTypes = 0;
  const parsed = await readForeign({
    format: 'csv',
    records,
    read: (value, onFix) =>
      readCsvRow(value, { now, onFix, onUnknownType: () => void unknownTypes++ }),
    slicer,
  });
  if (unknownTypes) {
    parsed.warnings.push(
      `${unknownTypes} row${unknownTypes === 1 ? ' has' : 's have'} a type Claimmark does not know: imported as claim.`,
    );
  }
  return parsed;
}
