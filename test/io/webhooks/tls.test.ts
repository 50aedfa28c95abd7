/**
 * Webhooks go over HTTPS with the certificate verified: a receiver whose certificate no trusted authority signed
 * (here a self-signed one, tests/io/webhooks/fixtures) is never sent the message, which stays safe to send again.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotDeliveredError } from '#core/ports/poster.ts';
import { posterFactory, rejection, scriptedDns } from './helpers.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('the webhook poster over TLS', () => {
  let server: Server;
  let requests: number;
  let port: number;
  const posters = posterFactory();
  beforeEach(async () => {
    requests = 0;
    server = createServer({ key: fixture('self-signed-key.pem'), cert: fixture('self-signed-cert.pem') }, (_req, res) => { requests += 1; res.writeHead(200).end('ok'); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await posters.closeAll();
    await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  });

  it('refuses a receiver whose certificate is self-signed: nothing is sent, and it is safe to send again', async () => {
    const poster = posters.make({ lookup: scriptedDns({ localhost: [['127.0.0.1']] }), localOrigins: [`https://localhost:${port}`] });

    const err = await rejection(poster.post({ subscriberId: 'c-test', destination: { kind: 'slack', url: `https://localhost:${port}/services/T0/B0/token` }, body: '{}', messageId: 'k' }));

    expect(err).toBeInstanceOf(NotDeliveredError);
    expect(err.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(err.message).toContain('nothing was sent');
    expect(requests).toBe(0);
  });
});
