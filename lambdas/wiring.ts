/**
 * The AWS wiring of the ports, built once per container (module scope) and shared by the handlers.
 * Configuration comes from the environment the stack sets; a missing variable is a deploy error.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoStore } from '#io/store/dynamo-store.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import type { Mailer, Store } from '#core/ports.ts';

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set: deploy the function with the fundwatch stack (infra/)`);
  return value;
}

let store: Store | undefined;
let mailer: Mailer | undefined;

export function awsStore(): Store {
  store ??= createDynamoStore({ tableName: requireEnv('TABLE_NAME'), client: new DynamoDBClient({ maxAttempts: 8 }) });
  return store;
}

export function awsMailer(): Mailer {
  mailer ??= createSesMailer({ from: requireEnv('SENDER_EMAIL'), region: process.env.AWS_REGION });
  return mailer;
}
