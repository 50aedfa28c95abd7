/** The listings registry: the six listings load, and a bad entry is an error that names it and says what to fix. */
import { describe, expect, it } from 'vitest';
import { loadListingRegistry, parseListingRegistry } from '#parsers/listings/registry.ts';
import { RegistryError } from '#parsers/sources.ts';

const entry = (overrides: Record<string, unknown> = {}) => ({
  id: 'amed-koubo-en', agency: 'AMED', lang: 'en', kind: 'listing', adapter: 'amed-news-list', url: 'https://www.amed.go.jp/en/koubo/index.html', ...overrides,
});
const registry = (...listings: unknown[]) => JSON.stringify({ listings });

describe('loadListingRegistry', () => {
  it('loads the six listings of the three agencies, each on an agency host', async () => {
    const listings = await loadListingRegistry();

    expect(listings.map((l) => l.id)).toEqual(['jst-calls-feed', 'jst-koubo-ja', 'amed-koubo-ja', 'amed-koubo-en', 'jsps-news-en', 'jsps-koubo-ja']);
    expect(new Set(listings.map((l) => new URL(l.url).host))).toEqual(new Set(['www.jst.go.jp', 'www.amed.go.jp', 'www.jsps.go.jp']));
    expect(listings.filter((l) => l.kind === 'feed').map((l) => l.id)).toEqual(['jst-calls-feed']);
  });

  it('says which file it cannot read', async () => {
    await expect(loadListingRegistry('/nonexistent/listings.json')).rejects.toThrow(/cannot read the listings file \/nonexistent\/listings\.json/);
  });
});

describe('parseListingRegistry', () => {
  it('accepts a valid entry as it is', () => {
    expect(parseListingRegistry(registry(entry()), 'l.json')).toEqual([entry()]);
  });

  it('rejects an unknown agency, naming the file, the entry and the field', () => {
    const parse = () => parseListingRegistry(registry(entry(), entry({ id: 'nih-calls', agency: 'NIH' })), 'l.json');

    expect(parse).toThrow(RegistryError);
    expect(parse).toThrow(/^l\.json: listings\.1 \(nih-calls\)\.agency: .*; fix that entry and run again$/);
  });

  it('rejects an adapter that does not exist, listing the known ones', () => {
    expect(() => parseListingRegistry(registry(entry({ adapter: 'amed-news' })), 'l.json'))
      .toThrow(/listings\.0 \(amed-koubo-en\)\.adapter: unknown adapter "amed-news" \(known: atom-feed, jst-koubo-table, .*jsps-koubo-list, generic-list\)/);
  });

  it('rejects a feed adapter on an HTML listing (and the reverse): the kind and the adapter must agree', () => {
    expect(() => parseListingRegistry(registry(entry({ adapter: 'atom-feed' })), 'l.json')).toThrow(/adapter "atom-feed" reads a feed, but the entry's kind is "listing"/);
  });

  it('rejects a URL that is not http(s), a bad id, a repeated id and text that is not JSON', () => {
    expect(() => parseListingRegistry(registry(entry({ url: 'ftp://www.amed.go.jp/x' })), 'l.json')).toThrow(/\.url: /);
    expect(() => parseListingRegistry(registry(entry({ id: 'AMED Koubo' })), 'l.json')).toThrow(/ids are lower-case words joined by hyphens/);
    expect(() => parseListingRegistry(registry(entry(), entry()), 'l.json')).toThrow(/listing id "amed-koubo-en" appears twice/);
    expect(() => parseListingRegistry('{ listings: [', 'l.json')).toThrow(/^l\.json is not valid JSON .*; fix the file and run again$/);
  });
});
