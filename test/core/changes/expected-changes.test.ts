/**
 * Every recorded version pair gives exactly its reviewed changes (fixtures/golden/*.changes.json, the
 * `fundwatch diff --json` contract), and they agree with the categories the fixture manifest promises;
 * the cosmetic redesign gives none.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { diffResults } from '#core/changes/diff.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { changesFile, recordedPages } from '../../../fixtures/scripts/recorded-pages.ts';

const pages = await recordedPages();
const manifest = JSON.parse(await readFile(new URL('../../../fixtures/versions.json', import.meta.url), 'utf8')) as Record<string, { expect?: Record<string, string[]> }>;
const pairs = pages.flatMap((page, i) => {
  const before = pages[i - 1];
  return before && before.source.id === page.source.id ? [[`${page.source.id} ${before.version} -> ${page.version}`, before, page] as const] : [];
});

describe.each(pairs)('%s', (_, before, after) => {
  it('gives exactly the reviewed changes, in the categories the manifest promises', async () => {
    const changes = diffResults(await parsePage({ source: before.source, body: before.body }), await parsePage({ source: after.source, body: after.body }));
    const expected = JSON.parse(await readFile(changesFile(after.source.id, before.version, after.version), 'utf8')) as { changes: unknown[] };
    expect(JSON.parse(JSON.stringify({ changes }))).toEqual(expected);
    expect([...new Set(changes.map((c) => c.category))]).toEqual(manifest[after.source.id]!.expect![after.version]);
  });
});

it('covers every later version the fixtures record, the cosmetic one included', () => {
  expect(pairs.map(([name]) => name)).toContain('jst-aspire-about-en v1 -> v2');
  expect(pairs).toHaveLength(Object.values(manifest).filter((m) => m.expect).length);
});
