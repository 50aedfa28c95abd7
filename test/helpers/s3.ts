/** A local S3-API engine for tests (s3rver, an in-process fake S3 server on disk), started and stopped by the test. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
// s3rver ships no type declarations: its constructor and run/close are all the tests use.
// @ts-expect-error -- untyped CommonJS module
import S3rver from 's3rver';

interface S3rverInstance { run(): Promise<{ port: number }>; close(): Promise<void> }

export interface LocalS3 {
  endpoint: string;
  client: S3Client;
  createBucket(name: string): Promise<void>;
  keys(bucket: string): Promise<string[]>;
  object(bucket: string, key: string): Promise<{ body: string; contentType?: string; cacheControl?: string }>;
  close(): Promise<void>;
}

export async function startLocalS3(): Promise<LocalS3> {
  const dir = await mkdtemp(join(tmpdir(), 'fundwatch-s3-'));
  const server = new (S3rver as new (options: object) => S3rverInstance)({ port: 0, address: '127.0.0.1', directory: dir, silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return {
    endpoint, client,
    createBucket: async (name) => { await client.send(new CreateBucketCommand({ Bucket: name })); },
    keys: async (bucket) => ((await client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }))).Contents ?? []).map((o) => o.Key!).sort(),
    object: async (bucket, key) => {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return { body: await out.Body!.transformToString(), contentType: out.ContentType, cacheControl: out.CacheControl };
    },
    close: async () => { client.destroy(); await server.close(); await rm(dir, { recursive: true, force: true }); },
  };
}
