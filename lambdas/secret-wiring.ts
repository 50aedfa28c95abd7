/** The signed links' key from Secrets Manager, read once per container (wiring.ts says why apart). */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { redactingErrors } from './telemetry.ts';
import { requireEnv } from './wiring.ts';

let secret: Promise<string> | undefined;

/**
 * The HMAC key of the signed links: from Secrets Manager (LINK_SECRET_ARN, generated at deploy), read once
 * per container (a failed read is tried again on the next call). LINK_SECRET may carry it directly where no Secrets Manager exists (local invocations).
 */
export function linkSecret(): Promise<string> {
  secret ??= process.env.LINK_SECRET
    ? Promise.resolve(process.env.LINK_SECRET)
    : redactingErrors(new SecretsManagerClient({})).send(new GetSecretValueCommand({ SecretId: requireEnv('LINK_SECRET_ARN') })).then((out) => {
      if (!out.SecretString || out.SecretString.length < 32) throw new Error('the link secret is missing or too short: redeploy the stack to generate it');
      return out.SecretString;
    });
  // A failed read is not kept: the container's next invocation asks Secrets Manager again.
  secret.catch(() => { secret = undefined; });
  return secret;
}
