/** The two DynamoDB-API engines the store's contract holds on, each started by the tests. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';

export const ENGINES: Array<{ name: string; start: () => Promise<LocalEngine> }> = [
  { name: 'dynalite', start: () => startDynalite({}) },
  { name: 'DynamoDB Local', start: startDynamoDbLocal },
];

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}
