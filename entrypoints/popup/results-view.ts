/**
 * What the popup shows of search results, derived without I/O: highlight ranges per claim, the
 * filter chips, the count line.
 */
import type { FilterChip } from '../../components/FilterChips';
import type { ClaimListItem } from '../../components/ClaimList';
import { TYPE_LABELS } from '../../utils/core/claim-types';
import { CLAIM_TYPES } from '../../utils/core/model';
import { hostOf, highlightRanges, isEmptyQuery } from '../../utils/search';
import type { SearchResults } from '../../utils/search/engine';
import { hasFilter } from '../../utils/search/query';

const TAG_CHIPS = 6;
const SITE_CHIPS = 4;

export function listItems(results: SearchResults | null): ClaimListItem[] {
  if (!results) return [];
  const { query } = results;
  return results.hits.map(({ annotation, page }) => ({
    annotation,
    page,
    marks: {
      quote: highlightRanges(annotation.quote, query),
      note: highlightRanges(annotation.note, query),
      title: highlightRanges(page?.title ?? '', query),
    },
  }));
}

/** The most frequent values first, ties in order of appearance. */
function mostFrequent(values: string[], count: number): string[] {
  const seen = new Map<string, number>();
  for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1);
  return [...seen.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([v]) => v);
}

/** Chips: every type; the tags and sites most seen in the results; filters the query has. */
export function filterChips(results: SearchResults | null): FilterChip[] {
  if (!results) return [];
  const { query, hits } = results;
  const chips: FilterChip[] = CLAIM_TYPES.map((type) => ({
    kind: 'type',
    value: type,
    label: TYPE_LABELS[type],
    active: hasFilter(query, 'type', type),
  }));
  const tags = [
    ...new Set([
      ...query.tags,
      ...mostFrequent(
        hits.flatMap((h) => h.annotation.tags),
        TAG_CHIPS,
      ),
    ]),
  ];
  for (const tag of tags)
    chips.push({ kind: 'tag', value: tag, label: `#${tag}`, active: hasFilter(query, 'tag', tag) });
  const names = new Map<string, string>();
  const sites = hits.map(({ annotation, page }) => {
    const site = hostOf(annotation.url).replace(/^www\./, '');
    if (page?.siteName && !names.has(site)) names.set(site, page.siteName);
    return site;
  });
  for (const site of [
    ...new Set([...query.sites, ...mostFrequent(sites.filter(Boolean), SITE_CHIPS)]),
  ])
    chips.push({
      kind: 'site',
      value: site,
      label: names.get(site) ?? site,
      active: hasFilter(query, 'site', site),
    });
  return chips;
}

const number = new Intl.NumberFormat('en');

export function countLine(results: SearchResults | null): string {
  if (!results) return 'Loading…';
  const { total } = results;
  if (total === undefined) return 'Newest claims';
  const noun = total === 1 ? 'claim' : 'claims';
  if (isEmptyQuery(results.query)) {
    if (total === 0) return '';
    return `${number.format(total)} ${noun}${total > results.hits.length ? ' · newest first' : ''}`;
  }
  return `${number.format(total)} ${noun} found`;
}
