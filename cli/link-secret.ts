/**
 * The HMAC key of the signed links, for local runs: generated on first use into <data>/link-secret
 * (readable by the owner only) and read from there afterwards, so links in earlier e-mails keep working.
 * In AWS the key lives in Secrets Manager, generated at deploy.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function localLinkSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'link-secret');
  try {
    const secret = (await readFile(file, 'utf8')).trim();
    if (secret.length >= 32) return secret;
  } catch {
    // first run: make one below
  }
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
