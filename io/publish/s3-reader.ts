/**
 * One published object read back from the site bucket: the subscription pages read feeds/programmes.json,
 * the one key their role may read. S3's answers are translated here: a missing object is `undefined`, every
 * other failure is thrown for the caller to log.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * S3 says NoSuchKey for a missing object only to a caller that may list the bucket; to a role that may read
 * one key and list nothing (the pages'), the same missing object is AccessDenied. Both mean "not there for
 * us": before the first publish, or with the grant gone (the caller's log says to check both).
 */
const ABSENT = new Set(['NoSuchKey', 'NotFound', 'AccessDenied']);

/**
 * @example const body = await s3ObjectReader(client, 'fundwatch-site')('feeds/programmes.json'); // undefined before the first publish
 */
export function s3ObjectReader(client: S3Client, bucket: string): (key: string) => Promise<string | undefined> {
  return async (key) => {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return await out.Body!.transformToString('utf-8');
    } catch (err) {
      if (ABSENT.has((err as Error).name)) return undefined;
      throw err;
    }
  };
}
