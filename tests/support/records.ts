/** Stored records for tests: a page as the library keeps it, with empty metadata. */
import { EMPTY_METADATA, type Page } from '../../utils/core/model';

export function storedPage(url: string, aliases: string[] = []): Page {
  return {
    url,
    aliases,
    ...EMPTY_METADATA,
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-01-01T00:00:00.000Z',
  };
}
