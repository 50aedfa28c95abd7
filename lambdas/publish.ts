/**
 * Last state of the monitoring cycle: the page and the feeds (with feeds/programmes.json, which the
 * subscription pages read) regenerated from the store into the site bucket (served by CloudFront), and
 * the complete history as JSON Lines into the private export bucket for Athena or a download.
 */
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { exportStore, type ExportEntity } from '#core/analyst/export.ts';
import { publish } from '#web/publish.ts';
import { s3Writer } from '#io/publish/s3-writer.ts';
import { instrumented, logger, redactingErrors } from './telemetry.ts';
import { awsStore, registry, requireEnv } from './wiring.ts';

let s3: S3Client | undefined;

export const handler = instrumented(async (): Promise<{ files: number; exported: Record<string, number> }> => {
  // Path-style addressing when an endpoint is configured (a local S3 engine); virtual-hosted in AWS.
  s3 ??= redactingErrors(new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }));
  const now = new Date();
  const siteUrl = requireEnv('SITE_URL');
  const { files, catalog } = await publish(awsStore(), now, s3Writer(s3, requireEnv('SITE_BUCKET')), {
    baseUrl: siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`, ...(process.env.PUBLIC_BASE_URL ? { subscribeUrl: process.env.PUBLIC_BASE_URL } : {}),
    // feeds/programmes.json too: the subscription pages' function names its form's programmes from it.
    registry: registry() });
  // One object per entity under exports/latest/<entity>/, the layout Athena expects of a table. Held in
  // memory: a few MB for the agencies' registries; a registry in the tens of thousands needs a streamed upload.
  const lines = new Map<ExportEntity, string[]>();
  const exported = await exportStore(awsStore(), now, async (entity, record) => {
    const rows = lines.get(entity) ?? [];
    rows.push(JSON.stringify(record));
    lines.set(entity, rows);
  });
  const bucket = requireEnv('EXPORT_BUCKET');
  for (const [entity, rows] of lines) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `exports/latest/${entity}/${entity}.jsonl`, Body: `${rows.join('\n')}\n`, ContentType: 'application/x-ndjson' }));
  }
  logger.info('published', { files, programmes: catalog.programmes.length, deadlines: catalog.deadlines.length, exported });
  return { files, exported };
});
