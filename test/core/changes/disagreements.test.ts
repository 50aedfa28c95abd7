/** A programme's English and Japanese pages stating different facts: reported once, as such, and again only when the facts move. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { reportDisagreements } from '#core/changes/disagreements.ts';
import type { Store } from '#core/ports/store.ts';
import type { ParseResult } from '#parsers/schema.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { localClient } from '../../helpers/engines.ts';
import { goldenFile } from '../../../fixtures/scripts/recorded-pages.ts';

describe('reportDisagreements', () => {
  let engine: LocalEngine;
  let client: DynamoDBClient;
  let store: Store;
  let sources: Source[];
  const clock = () => new Date('2025-04-20T00:00:00Z');
  const record = async (id: string, version: string): Promise<ParseResult> =>
    JSON.parse(await readFile(goldenFile({ source: sources.find((s) => s.id === id)!, version }), 'utf8')) as ParseResult;
  const snapshotOf = async (id: string, version: string, n: number) => {
    const result = await record(id, version);
    const state = await store.getState(id);
    await store.commitSnapshot({ sourceId: id, version: n, takenAt: clock().toISOString(), recordHash: `${id}-${version}`, contentHash: 'c', result },
      [], { sourceId: id, lastCheckedAt: clock().toISOString(), lastOutcome: 'changed', snapshotVersion: n, consecutiveFailures: 0, recordHash: `${id}-${version}` }, state?.snapshotVersion ?? 0);
  };

  beforeAll(async () => {
    sources = (await loadRegistry()).filter((s) => s.program === 'jst-aspire' && s.kind === 'html' && s.id.startsWith('jst-aspire-about'));
    engine = await startDynalite({});
    client = localClient(engine.endpoint);
  });
  // Each test starts from an empty table and commits the snapshots it speaks of.
  let tables = 0;
  beforeEach(async () => {
    const name = `disagree-${(tables += 1)}`;
    await ensureTable(client, name);
    store = createDynamoStore({ tableName: name, client });
  });
  afterAll(async () => {
    client?.destroy();
    await engine?.close();
  });

  it('finds nothing while the two languages agree', async () => {
    await snapshotOf('jst-aspire-about-en', 'v1', 1);
    await snapshotOf('jst-aspire-about-ja', 'v1', 1);
    expect(await reportDisagreements({ store, clock }, sources)).toEqual([]);
  });

  it('reports a ceiling the Japanese page raised and the English page did not, once', async () => {
    await snapshotOf('jst-aspire-about-en', 'v1', 1);
    await snapshotOf('jst-aspire-about-ja', 'v1', 1);
    expect(await reportDisagreements({ store, clock }, sources)).toEqual([]);
    await snapshotOf('jst-aspire-about-ja', 'v2', 2);
    const [event, ...more] = await reportDisagreements({ store, clock }, sources);
    expect(more).toEqual([]);
    expect(event!.change).toMatchObject({
      programId: 'jst-aspire', callId: 'main', category: 'funding', kind: 'changed', disagreement: true,
      summary: {
        en: 'The English and Japanese pages state different funding ceilings (ASPIRE for Rising Scientists): 69,000,000 yen (English) / 75,000,000 yen (Japanese)',
        ja: '英語版と日本語版で研究費の上限 (ASPIRE for Rising Scientists)が異なります: 69,000,000円（英語版）/ 75,000,000円（日本語版）',
      },
      evidence: { before: 'Up to 69 million yen (up to 90 million yen if indirect costs are included, which are 30% of direct costs).', after: '最大7,500万円（直接経費の30％にあたる間接経費を含む場合、最大9,000万円）' },
    });
    expect(event!.sourceId).toBe('jst-aspire-about-en');
    expect((await store.listPendingEvents()).map((e) => e.id)).toEqual([event!.id]);
    // The next cycles see the same disagreement: nothing new to say.
    expect(await reportDisagreements({ store, clock }, sources)).toEqual([]);
  });
});
