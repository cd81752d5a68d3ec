import { describe, expect, it } from 'vitest';
import { mergeTagColours, parseTagName } from '../../../utils/store/tags';
import { dateInputValue, parsePageEdit, publishedTimeFrom } from '../../../utils/store/page-edit';

describe('tag names', () => {
  it('are normalized like stored tags', () => {
    expect(parseTagName('  #TikTok  Shop ')).toEqual({ ok: true, tag: 'tiktok shop' });
  });

  it('refuse empty names, commas and overlong names', () => {
    expect(parseTagName(' # ')).toEqual({ ok: false, error: 'Enter a tag name.' });
    expect(parseTagName('a,b').ok).toBe(false);
    expect(parseTagName('x'.repeat(101)).ok).toBe(false);
    expect(parseTagName('x'.repeat(100)).ok).toBe(true);
  });
});

describe('tag colours after a merge', () => {
  it('keep the target colour and drop the merged ones', () => {
    expect(mergeTagColours({ a: '#ff0000', b: '#00ff00', c: '#0000ff' }, ['a', 'b'], 'b')).toEqual({
      b: '#00ff00',
      c: '#0000ff',
    });
  });

  it('give the target the first source colour when it has none', () => {
    expect(mergeTagColours({ old: '#123456', x: '#abcdef' }, ['old'], 'new')).toEqual({
      x: '#abcdef',
      new: '#123456',
    });
    expect(mergeTagColours({ x: '#abcdef' }, ['old'], 'new')).toEqual({ x: '#abcdef' });
  });

  it('never touch the prototype, whatever the tag is called', () => {
    const out = mergeTagColours({ a: '#ff0000' }, ['a'], '__proto__');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
  });

  it('never take a colour from Object.prototype (a tag called constructor)', () => {
    expect(mergeTagColours({ x: '#abcdef' }, ['constructor', 'toString'], 'new')).toEqual({
      x: '#abcdef',
    });
  });
});

describe('page metadata edits', () => {
  it('show and keep a published time, with its time of day when the day is unchanged', () => {
    expect(dateInputValue('2025-03-05T09:12:00+00:00')).toBe('2025-03-05');
    expect(dateInputValue('')).toBe('');
    expect(dateInputValue('March 2025')).toBe('');
    expect(publishedTimeFrom('2025-03-05T09:12:00+00:00', '2025-03-05')).toBe(
      '2025-03-05T09:12:00+00:00',
    );
    expect(publishedTimeFrom('2025-03-05T09:12:00+00:00', '2025-03-06')).toBe('2025-03-06');
    expect(publishedTimeFrom('2025-03-05', '')).toBe('');
  });

  it('refuse dates that do not exist', () => {
    expect(publishedTimeFrom('', '2025-02-30')).toBeNull();
    expect(publishedTimeFrom('', '5 March')).toBeNull();
  });

  it('collapse whitespace and check lengths', () => {
    const form = { title: '  A   title ', byline: 'Jo\nDoe', siteName: 'Site', published: '' };
    expect(parsePageEdit({ publishedTime: 'x' }, form)).toEqual({
      ok: true,
      value: { title: 'A title', byline: 'Jo Doe', siteName: 'Site', publishedTime: '' },
    });
    expect(parsePageEdit({ publishedTime: '' }, { ...form, title: 'x'.repeat(1001) })).toEqual({
      ok: false,
      error: 'Title has at most 1000 characters.',
    });
    expect(parsePageEdit({ publishedTime: '' }, { ...form, published: 'soon' }).ok).toBe(false);
  });
});
