/**
 * Published files into an S3 bucket (served by CloudFront). Short cache lifetimes: the page and the
 * feeds change after each cycle, and calendar apps poll.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FileWriter } from '#web/publish.ts';

const CACHE_SECONDS = 300;

export function s3Writer(client: S3Client, bucket: string, prefix = ''): FileWriter {
  return async (file) => {
    if (file.path.split('/').some((part) => part === '..' || part === '')) throw new Error(`refusing to publish ${file.path}: not a clean relative path`);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${file.path}`, Body: file.body, ContentType: file.contentType,
      CacheControl: `public, max-age=${CACHE_SECONDS}` }));
  };
}
