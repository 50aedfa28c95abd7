/**
 * The programmes the subscription pages offer in AWS, named: read from feeds/programmes.json, which the
 * publish step writes to the site bucket after each cycle (the pages' role may read that one object and
 * no snapshot). Its own module for its S3 client, as wiring.ts says why.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { FEED_PATHS } from '#core/analyst/feeds/feed-files.ts';
import { readProgrammesJson } from '#core/analyst/feeds/programmes-json.ts';
import { cachedChoices, choicesFrom, choicesNamedBy, type ProgrammeChoice } from '#core/subscriptions/programme-choices.ts';
import { s3ObjectReader } from '#io/publish/s3-reader.ts';
import type { Source } from '#parsers/sources.ts';
import { logger, redactError, redactingErrors } from './telemetry.ts';
import { registry } from './wiring.ts';

/** A publish runs after each cycle (hours apart): a few minutes' delay before the form shows its names costs nothing. */
export const PROGRAMMES_CACHE_MS = 5 * 60_000;

/** Where the fallbacks are told: the Lambda's logger, a test's list. */
export type Warn = (message: string, error?: unknown) => void;

/**
 * The published list, read at most once per PROGRAMMES_CACHE_MS, with the registry's programmes added by
 * id (one added since the last publish is offered at once). Without the object (before the first publish)
 * the registry's ids, for the same time; a read that fails is logged and the last good list served, or the
 * ids: the form never fails for want of names.
 * @example const programmes = publishedProgrammes(s3ObjectReader(client, bucket), registry(), (message) => logger.warn(message)); await programmes();
 */
export function publishedProgrammes(read: (key: string) => Promise<string | undefined>, sources: readonly Source[], warn: Warn,
  now?: () => number): () => Promise<ProgrammeChoice[]> {
  const byId = (): ProgrammeChoice[] => choicesFrom(sources, [], []);
  const key = FEED_PATHS.programmesJson();
  return cachedChoices(async () => {
    const body = await read(key);
    if (body === undefined) {
      warn(`the form lists programmes by id: ${key} is not in the site bucket yet (the publish step writes it after each cycle), or this role may not read it (check its s3:GetObject on that key)`);
      return byId();
    }
    const published = readProgrammesJson(body);
    return choicesNamedBy(sources, published.map((c) => ({ id: c.id, agency: c.agency, name: c.names })), []);
  }, {
    ttlMs: PROGRAMMES_CACHE_MS, fallback: byId, ...(now ? { now } : {}),
    onError: (err) => warn(`the form lists programmes by id (or as last read) for now: ${key} could not be read`, err),
  });
}

let programmes: (() => Promise<ProgrammeChoice[]>) | undefined;

/**
 * The pages' programmes from the site bucket the stack names (SITE_BUCKET); without one (a local
 * invocation), the registry's programmes by id.
 */
export function awsProgrammes(): Promise<ProgrammeChoice[]> {
  programmes ??= process.env.SITE_BUCKET
    // Path-style addressing when an endpoint is configured (a local S3 engine); virtual-hosted in AWS.
    ? publishedProgrammes(s3ObjectReader(redactingErrors(new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) })), process.env.SITE_BUCKET),
      registry(), (message, error) => logger.warn(message, error === undefined ? {} : { error: redactError(error) }))
    : async () => choicesFrom(registry(), [], []);
  return programmes();
}
