/**
 * The AWS wiring of the ports, built once per container (module scope) and shared by the handlers.
 * Configuration comes from the environment the stack sets; a missing variable is a deploy error.
 * Each AWS SDK client has its own module (the store here; mail-wiring.ts, queue-wiring.ts,
 * secret-wiring.ts): a handler bundles only the clients it imports, since esbuild keeps an imported
 * SDK client whether or not it is called.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoStore } from '#io/store/dynamo-store.ts';
import type { Store } from '#core/ports/store.ts';
import { DEFAULT_CHUNK_SIZE } from '#core/monitoring/cycle-plan.ts';
import { watchList } from '#core/discovery/discovered-sources.ts';
import { parseRegistry, type Source } from '#parsers/sources.ts';
import registryJson from '#parsers/sources.json' with { type: 'json' };
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { redactingErrors } from './telemetry.ts';

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set: deploy the function with the fundwatch stack (infra/)`);
  return value;
}

let store: Store | undefined;
let sources: Source[] | undefined;

/**
 * The registry the cycle watches: the file the stack copied into the bundle (SOURCES_FILE, from the
 * stage file's `sourcesFile`), else the registry bundled from parsers/sources.json.
 */
export function registry(): Source[] {
  const file = process.env.SOURCES_FILE;
  sources ??= file
    ? parseRegistry(readFileSync(isAbsolute(file) ? file : join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), file), 'utf8'), file)
    : parseRegistry(JSON.stringify(registryJson), 'bundled sources.json');
  return sources;
}

/**
 * What a cycle started at `asOf` watches: the registry and the calls found on listings still active then.
 * The plan, every worker and the finish step agree because they all ask with the cycle's start.
 */
export async function watchedSources(asOf: Date): Promise<Source[]> {
  return watchList(registry(), await awsStore().listDiscoveredSources(), asOf);
}

/** Sources per worker call (CHUNK_SIZE, set by the stack from the stage file's `limits.chunkSize`). */
export function chunkSize(): number {
  const n = Number(process.env.CHUNK_SIZE ?? DEFAULT_CHUNK_SIZE);
  if (!Number.isInteger(n) || n < 1) throw new Error(`CHUNK_SIZE "${process.env.CHUNK_SIZE}" must be a whole number of at least 1: fix limits.chunkSize in the stage file (infra/stages/) and redeploy`);
  return n;
}

export function awsStore(): Store {
  store ??= createDynamoStore({ tableName: requireEnv('TABLE_NAME'), client: redactingErrors(new DynamoDBClient({ maxAttempts: 8 })) });
  return store;
}
