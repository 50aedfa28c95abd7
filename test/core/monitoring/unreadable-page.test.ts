/**
 * A page the parser refuses to read (too deep, too large, too slow) is one failed check with that reason:
 * the snapshot stays, no change is stored, so no subscriber is e-mailed, and the next cycle tries again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '#core/monitoring/check-source.ts';
import { type CheckDeps } from '#core/monitoring/decide-check.ts';
import type { Store } from '#core/ports/store.ts';
import type { Fetcher } from '#core/ports/fetcher.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import type { Source } from '#parsers/sources.ts';
import { localClient } from '../../helpers/engines.ts';

const SOURCE: Source = { id: 'deep-call', agency: 'JST', lang: 'en', kind: 'html', program: 'jst-test', url: 'https://www.jst.go.jp/test/deep.html' };
const GOOD = `<html><body><main><h1>Test programme</h1><h2>FY2025 call</h2>
<p>Deadline for proposals: May 12, 2025 (Mon) 12:00 noon (JST)</p>
<h2>Eligibility</h2><ul><li>Applicants must hold a doctoral degree and a position in Japan.</li></ul></main></body></html>`;
/** The good page with its deadline moved and buried under 20,000 <div>s: deep enough to overflow a recursive walk. */
const DEEP = GOOD.replace('May 12', 'May 19').replace('<main>', `<main>${'<div>'.repeat(20_000)}`).replace('</main>', `${'</div>'.repeat(20_000)}</main>`);

describe('checkSource on a page too deep to read', () => {
  let engine: LocalEngine;
  let deps: CheckDeps & { store: Store };
  let body = GOOD;

  beforeAll(async () => {
    engine = await startDynalite({});
    const client = localClient(engine.endpoint);
    await ensureTable(client, 'unreadable');
    const fetcher: Fetcher = {
      fetch: async (url) => ({ kind: 'fetched', url, finalUrl: url, status: 200, body: Buffer.from(body), mediaType: 'text/html', elapsedMs: 1 }),
      close: async () => {},
    };
    deps = { store: createDynamoStore({ tableName: 'unreadable', client }), clock: () => new Date('2025-04-01T00:00:00Z'), parse: parsePage, fetcher };
  });
  afterAll(async () => { await engine.close(); });

  it('records a failed check "unreadable: too deep", keeps the snapshot and stores no change', async () => {
    expect((await checkSource(deps, SOURCE)).outcome).toBe('new');
    body = DEEP;

    const result = await checkSource(deps, SOURCE);

    expect(result).toMatchObject({ outcome: 'failed', error: expect.stringContaining('unreadable: too deep (more than 512 levels') });
    expect(await deps.store.getState(SOURCE.id)).toMatchObject({ lastOutcome: 'failed', snapshotVersion: 1, consecutiveFailures: 1,
      lastError: expect.stringContaining('unreadable: too deep') });
    expect((await deps.store.getLatestSnapshot(SOURCE.id))?.result.programs[0]?.calls[0]?.deadlines[0]?.iso).toBe('2025-05-12T12:00:00+09:00');
    expect(await deps.store.listChanges(SOURCE.id)).toEqual([]);
  });
});
