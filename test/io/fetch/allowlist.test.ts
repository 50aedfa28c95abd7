/** The allowlist: agency hosts and their subdomains, nothing that merely looks like one. */
import { describe, expect, it } from 'vitest';
import { checkUrl, hostAllowed } from '#io/fetch/allowlist.ts';
import { DEFAULT_FETCHER_OPTIONS } from '#io/fetch/options.ts';
import type { FetchError } from '#io/fetch/errors.ts';

const AGENCIES = DEFAULT_FETCHER_OPTIONS.allowHosts;

describe('hostAllowed', () => {
  it.each([
    ['www.jst.go.jp', true], ['jst.go.jp', true], ['WWW.AMED.GO.JP', true], ['www.jsps.go.jp.', true],
    ['evil-jst.go.jp', false], ['jst.go.jp.evil.com', false], ['go.jp', false], ['127.0.0.1', false],
  ])('treats %s as allowed: %s', (host, allowed) => {
    expect(hostAllowed(host, AGENCIES)).toBe(allowed);
  });
});

describe('checkUrl', () => {
  const codeOf = (url: string): string => {
    try {
      checkUrl(url, AGENCIES);
      return 'accepted';
    } catch (err) {
      return (err as FetchError).code;
    }
  };

  it('accepts http and https agency URLs', () => {
    expect([codeOf('https://www.jst.go.jp/aspire/'), codeOf('http://www.jsps.go.jp/')]).toEqual(['accepted', 'accepted']);
  });

  it('refuses credentials, other schemes and unparseable input as bad URLs', () => {
    expect(['https://a:b@www.jst.go.jp/', 'file:///etc/passwd', 'javascript:alert(1)', '//www.jst.go.jp/'].map(codeOf))
      .toEqual(['bad-url', 'bad-url', 'bad-url', 'bad-url']);
  });

  it('accepts ports 80 and 443 only, written out or implied', () => {
    expect(['https://www.jst.go.jp:443/', 'http://www.jst.go.jp:80/', 'https://www.jst.go.jp:8080/', 'http://www.jst.go.jp:6379/'].map(codeOf))
      .toEqual(['accepted', 'accepted', 'bad-url', 'bad-url']);
    expect(() => checkUrl('https://www.jst.go.jp:8080/', AGENCIES)).toThrow(/port 8080 is never fetched \(only 80 and 443\)/);
  });

  it('names the refused host and tells the maintainer what to do', () => {
    expect(() => checkUrl('https://evil-jst.go.jp/', AGENCIES)).toThrow(/evil-jst\.go\.jp is not on the allowlist.*add the host/);
  });
});
