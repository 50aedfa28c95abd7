/**
 * Which webhook URLs may be posted to at all, decided before any connection: HTTPS on port 443, no credentials
 * in the URL. Plain HTTP and other ports only for an explicit local origin (the local receiver, a test server),
 * set by code. Where the name points is checked again at connect time (agent.ts): checkDestination's answer
 * only tells a subscriber early that a URL can never work, it is never trusted for the post itself.
 */
import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { AddressRefusedError, assertPublic, guardLookup } from '../fetch/address-guard.ts';
import { portOf } from '../fetch/allowlist.ts';
import { UnsafeDestinationError } from './errors.ts';
import { maskUrl } from './mask-url.ts';

interface LocalOrigin {
  protocol: string;
  port: number;
  host: string;
}

function parseLocalOrigins(localOrigins: readonly string[]): LocalOrigin[] {
  return localOrigins.map((origin) => {
    const url = new URL(origin);
    return { protocol: url.protocol, port: portOf(url), host: url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase() };
  });
}

/**
 * Parses and checks a webhook URL; throws UnsafeDestinationError (the URL masked) before anything is resolved.
 * @example checkWebhookUrl('https://hooks.slack.com/services/T0/B0/XXXX', []) // the URL, parsed
 */
export function checkWebhookUrl(raw: string, localOrigins: readonly string[] = []): URL {
  const shown = maskUrl(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeDestinationError(`${shown} is not a valid URL: paste the webhook address exactly as the service gave it`);
  }
  if (url.username || url.password) throw new UnsafeDestinationError(`${shown} carries a user name or password: webhook URLs with credentials are never posted to`);
  const port = portOf(url);
  const local = parseLocalOrigins(localOrigins).some((o) => o.protocol === url.protocol && o.port === port);
  if (url.protocol === 'http:' && !local) {
    throw new UnsafeDestinationError(`${shown} is plain HTTP: webhooks are posted over HTTPS only; use the https:// address the service gave you`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeDestinationError(`${shown} is not an HTTPS URL: webhooks are posted over HTTPS only`);
  if (port !== 443 && !local) throw new UnsafeDestinationError(`${shown} names port ${port}: webhooks are posted to port 443 only`);
  return url;
}

export interface DestinationCheck {
  localOrigins?: readonly string[];
  lookup?: LookupFunction;
}

/**
 * Checks a URL and where its name points now: every address must be public (not loopback, private, link-local,
 * metadata...). For the subscription pages, to refuse a URL when it is added; the poster checks again at connect
 * time, since DNS can change its answer in between.
 */
export async function checkDestination(raw: string, check: DestinationCheck = {}): Promise<void> {
  const url = checkWebhookUrl(raw, check.localOrigins);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const locals = parseLocalOrigins(check.localOrigins ?? []).filter((o) => o.port === portOf(url));
  if (locals.some((o) => o.host === host.toLowerCase())) return;
  const allowed = new Set(locals.map((o) => o.host).filter((h) => isIP(h) !== 0));
  try {
    if (isIP(host)) assertPublic(host, host, allowed);
    else await resolveGuarded(guardLookup(check.lookup, allowed), host);
  } catch (err) {
    if (err instanceof AddressRefusedError) throw new UnsafeDestinationError(`${maskUrl(raw)}: ${err.message}; fundwatch never posts there`);
    throw new UnsafeDestinationError(`${maskUrl(raw)}: ${host} could not be resolved (${(err as Error).message}); check the URL`);
  }
}

function resolveGuarded(lookup: LookupFunction, host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    lookup(host, { all: true }, (err, answers) => (err ? reject(err) : resolve(answers as unknown as LookupAddress[])));
  });
}
