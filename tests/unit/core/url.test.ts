import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { pageUrlOf } from '../../../utils/page/page-url';
import { isTrackingParam, normalizeUrl, siteKeyOf } from '../../../utils/core/url';

describe('normalizeUrl', () => {
  it('drops tracking parameters of every family, case-insensitively', () => {
    expect(
      normalizeUrl(
        'https://example.com/a?utm_source=x&UTM_Medium=y&utm_whatever=z&fbclid=1&gclid=2&msclkid=3&mc_eid=4&_ga=5&CMP=share&id=7',
      ),
    ).toBe('https://example.com/a?id=7');
  });

  it('drops the hash and an empty query', () => {
    expect(normalizeUrl('https://example.com/a?#section-2')).toBe('https://example.com/a');
    expect(normalizeUrl('https://example.com/a?utm_source=x#top')).toBe('https://example.com/a');
    expect(normalizeUrl('https://example.com/a#/')).toBe('https://example.com/a');
  });

  it('keeps SPA routes in the hash', () => {
    expect(normalizeUrl('https://app.example.com/#/news/42?utm_source=x')).toBe(
      'https://app.example.com/#/news/42?utm_source=x',
    );
    expect(normalizeUrl('https://example.com/#!/story/1')).toBe('https://example.com/#!/story/1');
    expect(normalizeUrl('https://example.com/#!story/1')).toBe('https://example.com/#!story/1');
  });

  it('sorts parameters by name, keeping repeated names in order and values as written', () => {
    expect(normalizeUrl('https://example.com/s?q=a%20b&b=2&a=1&a=0&tag=x/y')).toBe(
      'https://example.com/s?a=1&a=0&b=2&q=a%20b&tag=x/y',
    );
  });

  it('lower-cases scheme and host, drops default ports, keeps the path case', () => {
    expect(normalizeUrl('  HTTPS://News.Example.COM:443/Path/Story  ')).toBe(
      'https://news.example.com/Path/Story',
    );
    expect(normalizeUrl('http://example.com:80/')).toBe('http://example.com/');
    expect(normalizeUrl('http://127.0.0.1:8080/a')).toBe('http://127.0.0.1:8080/a');
  });

  it('uses a same-site canonical, ignoring www./m./amp./mobile.', () => {
    expect(
      normalizeUrl('https://m.example.com/story?utm_source=x', 'https://www.example.com/story#x'),
    ).toBe('https://www.example.com/story');
    expect(normalizeUrl('https://amp.example.com/s/1', '/story/1?ref_src=twsrc')).toBe(
      'https://amp.example.com/story/1',
    );
  });

  it('ignores a canonical on another site (the demo article served locally)', () => {
    expect(
      normalizeUrl(
        'http://127.0.0.1:5173/tiktok-shop-us-crackdown/source.html',
        'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/',
      ),
    ).toBe('http://127.0.0.1:5173/tiktok-shop-us-crackdown/source.html');
    expect(normalizeUrl('https://example.com/a', 'https://example.org/a')).toBe(
      'https://example.com/a',
    );
  });

  it('ignores unusable canonicals: invalid, non-http, home page of a deep page, on SPA routes', () => {
    expect(normalizeUrl('https://example.com/a', 'http://[bad')).toBe('https://example.com/a');
    expect(normalizeUrl('https://example.com/a', 'javascript:alert(1)')).toBe(
      'https://example.com/a',
    );
    expect(normalizeUrl('https://example.com/a', 'https://example.com/')).toBe(
      'https://example.com/a',
    );
    expect(normalizeUrl('https://example.com/#/a', 'https://example.com/app')).toBe(
      'https://example.com/#/a',
    );
    expect(normalizeUrl('https://example.com/a', null)).toBe('https://example.com/a');
  });

  it('returns invalid and non-http(s) input trimmed, without throwing', () => {
    expect(normalizeUrl('  not a url ')).toBe('not a url');
    expect(normalizeUrl('')).toBe('');
    expect(normalizeUrl('file:///tmp/a.html#x')).toBe('file:///tmp/a.html#x');
    expect(normalizeUrl('about:blank')).toBe('about:blank');
    expect(normalizeUrl('https://example.com/a%zz?%zz=1')).toBe('https://example.com/a%zz?%zz=1');
  });

  it('is idempotent', () => {
    const once = normalizeUrl('HTTPS://Example.com:443/a?b=2&utm_source=x&a=1#frag');
    expect(normalizeUrl(once)).toBe(once);
  });
});

describe('isTrackingParam', () => {
  it('knows the listed names and prefixes, and leaves content parameters alone', () => {
    for (const name of ['utm_campaign', 'fbclid', 'gclid', 'ocid', 'smid', 'spm', 'mtm_source'])
      expect(isTrackingParam(name)).toBe(true);
    for (const name of ['id', 'page', 'q', 'p', 'article', 'ref', 'utm'])
      expect(isTrackingParam(name)).toBe(false);
  });
});

describe('pageUrlOf', () => {
  const docAt = (url: string, head: string): Document =>
    new JSDOM(`<!doctype html><html><head>${head}</head><body></body></html>`, { url }).window
      .document;

  it('resolves a relative same-site canonical against the base URL', () => {
    const doc = docAt(
      'https://m.example.com/news/1?utm_source=x',
      '<base href="https://m.example.com/news/"><link rel="Canonical" href="story-1?b=2&amp;a=1">',
    );
    expect(pageUrlOf(doc)).toBe('https://m.example.com/news/story-1?a=1&b=2');
  });

  it('ignores the off-site canonical of the demo article served locally', () => {
    const html = readFileSync('tests/fixtures/pages/tiktok-shop-us-crackdown/source.html', 'utf8');
    const url = 'http://127.0.0.1:4173/tiktok-shop-us-crackdown/source.html?utm_source=newsletter';
    const doc = new JSDOM(html, { url }).window.document;
    expect(pageUrlOf(doc)).toBe('http://127.0.0.1:4173/tiktok-shop-us-crackdown/source.html');
  });

  it('takes the first link whose rel holds the canonical token, in head or body', () => {
    const links =
      '<link rel="preload" href="/preload"><link rel="canonicalish" href="/no">' +
      '<link rel="alternate  CANONICAL" href="/first"><link rel="canonical" href="/second">';
    expect(pageUrlOf(docAt('https://example.com/a?x=1', links))).toBe('https://example.com/first');
    const inBody = new JSDOM(
      '<!doctype html><title>t</title><p>text</p><link rel="canonical" href="/moved">',
      { url: 'https://example.com/a' },
    ).window.document;
    expect(pageUrlOf(inBody)).toBe('https://example.com/moved');
  });

  it('uses the document URL when there is no canonical', () => {
    expect(pageUrlOf(docAt('https://example.com/a?fbclid=1#x', ''))).toBe('https://example.com/a');
  });
});

describe('AMP cache URLs', () => {
  it('stand for the publisher URL they cache', async () => {
    const { unwrapAmpCache } = await import('../../../utils/core/url');
    expect(
      unwrapAmpCache('https://www-site-com.cdn.ampproject.org/c/s/www.site.com/story/amp?x=1'),
    ).toBe('https://www.site.com/story/amp?x=1');
    expect(unwrapAmpCache('https://site-com.cdn.ampproject.org/v/site.com/a')).toBe(
      'http://site.com/a',
    );
    expect(unwrapAmpCache('https://example.com/c/s/other.com/a')).toBe(
      'https://example.com/c/s/other.com/a',
    );
    expect(
      normalizeUrl(
        'https://www-site-com.cdn.ampproject.org/c/s/www.site.com/story/amp',
        'https://www.site.com/story',
      ),
    ).toBe('https://www.site.com/story');
  });
});

describe('siteKeyOf', () => {
  it('is the host as the canonical rule compares it', () => {
    expect(siteKeyOf('https://www.example.com/a?b=1')).toBe('example.com');
    expect(siteKeyOf('http://m.example.com/')).toBe('example.com');
    expect(siteKeyOf('https://amp.example.com/story')).toBe('example.com');
    expect(siteKeyOf('https://blog.example.com/')).toBe('blog.example.com');
    expect(siteKeyOf('https://news.test:8080/x')).toBe('news.test');
    // An AMP cache URL stands for the publisher's page.
    expect(siteKeyOf('https://www-site-com.cdn.ampproject.org/c/s/www.site.com/story/amp')).toBe(
      'site.com',
    );
  });

  it('is null for what is not an http(s) page', () => {
    expect(siteKeyOf('chrome://settings')).toBeNull();
    expect(siteKeyOf('not a url')).toBeNull();
    expect(siteKeyOf('')).toBeNull();
  });
});
