/**
 * The subscription pages' Lambda names its form's programmes from feeds/programmes.json, which the publish
 * step writes to the site bucket (a local S3 engine here), and offers the registry's ids until then. The
 * list is read at most once per five minutes; a missing, unreadable or malformed list never fails a form.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FEED_PATHS, programmeListFiles } from '#core/analyst/feeds/feed-files.ts';
import { programmesJson } from '#core/analyst/feeds/programmes-json.ts';
import type { ProgrammeChoice } from '#core/subscriptions/programme-choices.ts';
import { s3ObjectReader } from '#io/publish/s3-reader.ts';
import { s3Writer } from '#io/publish/s3-writer.ts';
import { createDynamoStore } from '#io/store/dynamo-store.ts';
import type { Source } from '#parsers/sources.ts';
import { awsProgrammes, PROGRAMMES_CACHE_MS, publishedProgrammes } from '../../lambdas/programmes-wiring.ts';
import { createSubscriptionApiHandler } from '../../lambdas/subscription-api.ts';
import { registry } from '../../lambdas/wiring.ts';
import { sampleCatalog } from '../helpers/catalog.ts';
import { startLocalS3, type LocalS3 } from '../helpers/s3.ts';

const SITE = 'https://d123.cloudfront.net/';

describe('the pages Lambda and the published programme list', () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3();
    // A bucket per test, made before any: each test starts with its own site bucket, published to or not.
    for (const name of ['published-site', 'unpublished-site']) await s3.createBucket(name);
  });
  afterAll(async () => { await s3?.close(); });
  afterEach(() => { vi.unstubAllEnvs(); });

  /** The deployed handler's wiring but for the programmes; a form reads no table and queues nothing, so neither is reachable. */
  function pages(programmes: () => Promise<ProgrammeChoice[]>): (lang: 'en' | 'ja') => Promise<string> {
    const store = createDynamoStore({ tableName: 'never-read-by-a-form', client: new DynamoDBClient({ region: 'ap-northeast-1', endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'none', secretAccessKey: 'none' } }) });
    const api = createSubscriptionApiHandler({ store: () => store, requests: () => ({ enqueue: async () => { throw new Error('a form queues nothing'); } }),
      secret: async () => 'programmes-secret-0123456789abcdef0123', programmes });
    return async (lang) => {
      const answer = await api({ requestContext: { http: { method: 'GET', path: '/' }, domainName: 'fundwatch.example.org' }, rawQueryString: `lang=${lang}` });
      expect(answer.statusCode).toBe(200);
      return answer.body;
    };
  }

  it('lists the programmes by their names in the chosen language, from the list the publish step wrote to the bucket the stack names', async () => {
    for (const file of programmeListFiles(sampleCatalog(), registry(), [], { baseUrl: SITE })) await s3Writer(s3.client, 'published-site')(file);
    // As the stack configures the function: the bucket by name, the S3 endpoint (here the local engine) from the SDK's variables.
    for (const [name, value] of Object.entries({ SITE_BUCKET: 'published-site', AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' })) vi.stubEnv(name, value);
    const form = pages(awsProgrammes);

    const en = await form('en');
    const ja = await form('ja');

    expect(en).toMatch(/value="jst-aspire"> ASPIRE<\/label>/);
    expect(en).toMatch(/value="amed-cycle"> AMED CYCLE<\/label>/);
    expect(ja).toMatch(/value="jst-aspire"> 先端国際共同研究推進事業<\/label>/);
    // A registry programme the catalog has no page of yet is still offered, by its id.
    expect(en).toMatch(/value="jst-crest"> jst-crest<\/label>/);
  });

  it('offers the registry\'s programmes by id while nothing is published yet, and says so in the log', async () => {
    const warnings: string[] = [];
    const form = pages(publishedProgrammes(s3ObjectReader(s3.client, 'unpublished-site'), registry(), (message) => warnings.push(message)));

    const en = await form('en');

    expect(en).toMatch(/value="jst-aspire"> jst-aspire<\/label>/);
    expect(en).not.toContain('ASPIRE<');
    expect(warnings).toEqual([expect.stringContaining('feeds/programmes.json is not in the site bucket yet')]);
  });
});

describe('publishedProgrammes', () => {
  const REGISTRY: Source[] = [
    { id: 'jst-aspire-en', agency: 'JST', lang: 'en', kind: 'html', url: 'https://www.jst.go.jp/aspire/en/', program: 'jst-aspire' },
    { id: 'jsps-kakenhi-ja', agency: 'JSPS', lang: 'ja', kind: 'html', url: 'https://www.jsps.go.jp/j-grantsinaid/', program: 'jsps-kakenhi' },
  ];
  const LIST = programmesJson([{ id: 'jst-aspire', agency: 'JST', names: { en: 'ASPIRE' } }, { id: 'amed-found', agency: 'AMED', names: { ja: '令和9年度 公募' } }],
    { self: `${SITE}feeds/programmes.json`, schema: `${SITE}feeds/schemas/programmes.v1.json`, generatedAt: '2026-11-20T06:00:00.000Z' });
  const BY_ID = [{ id: 'jsps-kakenhi', agency: 'JSPS', names: {} }, { id: 'jst-aspire', agency: 'JST', names: {} }];

  /** A bucket whose answers the test sets, counting the reads, and the warnings logged. */
  function world(answer: () => Promise<string | undefined>) {
    let clock = 0;
    const keys: string[] = [];
    const warnings: string[] = [];
    const programmes = publishedProgrammes(async (key) => { keys.push(key); return answer(); }, REGISTRY, (message) => warnings.push(message), () => clock);
    return { programmes, keys, warnings, later: (ms: number) => { clock += ms; } };
  }

  it('reads feeds/programmes.json once per five minutes, adding the registry\'s programmes it does not name', async () => {
    const w = world(async () => LIST);

    const first = await w.programmes();
    w.later(PROGRAMMES_CACHE_MS - 1);
    await w.programmes();
    w.later(1);
    await w.programmes();

    expect(first).toEqual([
      { id: 'amed-found', agency: 'AMED', names: { ja: '令和9年度 公募' } },
      { id: 'jsps-kakenhi', agency: 'JSPS', names: {} },
      { id: 'jst-aspire', agency: 'JST', names: { en: 'ASPIRE' } },
    ]);
    expect(w.keys).toEqual([FEED_PATHS.programmesJson(), FEED_PATHS.programmesJson()]);
    expect(w.warnings).toEqual([]);
  });

  it('offers the registry\'s ids without the list, says so once, and looks again five minutes later', async () => {
    const w = world(async () => undefined);

    expect(await w.programmes()).toEqual(BY_ID);
    expect(await w.programmes()).toEqual(BY_ID);
    w.later(PROGRAMMES_CACHE_MS);
    await w.programmes();

    expect(w.keys).toHaveLength(2);
    expect(w.warnings).toHaveLength(2);
    expect(w.warnings[0]).toMatch(/lists programmes by id: feeds\/programmes.json is not in the site bucket yet .*check its s3:GetObject/);
  });

  it('serves the last list read while the bucket cannot be read, and the ids before any, logging each failure', async () => {
    let fail = true;
    const w = world(async () => { if (fail) throw new Error('socket hang up'); return LIST; });

    expect(await w.programmes()).toEqual(BY_ID);
    fail = false;
    const named = await w.programmes();
    fail = true;
    w.later(PROGRAMMES_CACHE_MS);

    expect(await w.programmes()).toEqual(named);
    expect(named.find((c) => c.id === 'jst-aspire')?.names).toEqual({ en: 'ASPIRE' });
    expect(w.warnings).toEqual([expect.stringContaining('could not be read'), expect.stringContaining('could not be read')]);
  });

  it('takes a list it cannot understand as unreadable: the ids, and a warning', async () => {
    const w = world(async () => JSON.stringify({ version: 2, programmes: [] }));

    expect(await w.programmes()).toEqual(BY_ID);
    expect(w.warnings).toEqual([expect.stringContaining('could not be read')]);
  });
});
