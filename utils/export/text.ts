/**
 * Small text helpers shared by the writers and readers. Pure.
 */

const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string with every lone UTF-16 surrogate replaced by U+FFFD (what UTF-8 encoding does). */
export function wellFormed(text: string): string {
  return ANY_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}

/** Whether the string has lone surrogates (text no UTF-8 file can hold). */
export function hasLoneSurrogate(text: string): boolean {
  return wellFormed(text) !== text;
}

/** `2025-03-05` from an ISO time or any date `Date.parse` reads; '' when there is none. */
export function dateOnly(time: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}/.exec(time.trim());
  if (iso) return iso[0];
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? '' : new Date(parsed).toISOString().slice(0, 10);
}

/** The ISO 8601 UTC form (`toISOString`, `…Z`) of a parseable time, else undefined. */
export function utcTime(time: string | undefined): string | undefined {
  if (time === undefined) return undefined;
  const parsed = Date.parse(time);
  if (Number.isNaN(parsed)) return undefined;
  const iso = new Date(parsed).toISOString();
  return /^\d{4}-/.test(iso) ? iso : undefined; // years beyond 9999 are no xsd:dateTime
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function timeOf(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** Records between the empty parts a writer yields while preparing, so the caller can pause. */
export const PREPARE_STEP = 2_000;

/**
 * Claims sorted by created time then id, as a generator step: it yields '' every PREPARE_STEP
 * claims while computing sort keys (so a sliced export can pause) and returns the sorted list.
 */
export function* sortedByCreated<T extends { id: string; created: string }>(
  records: readonly T[],
): Generator<string, T[], undefined> {
  const keyed: { record: T; time: number }[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    keyed[i] = { record, time: timeOf(record.created) };
    if (i % PREPARE_STEP === PREPARE_STEP - 1) yield '';
  }
  keyed.sort((a, b) => a.time - b.time || compareStrings(a.record.id, b.record.id));
  return keyed.map((k) => k.record);
}
