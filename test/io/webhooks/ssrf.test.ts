/**
 * A webhook URL is typed by a subscriber: it must never become a way into this machine, the cloud metadata service
 * or a private network. The address is checked when the socket connects, on the answer it connects to. Every test
 * runs a real local server that a broken guard WOULD reach (the poster may post to it as http://localhost:PORT), and
 * proves nothing reached it; DNS is the only stand-in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingPost } from '#core/domain/channels.ts';
import { NotDeliveredError, PermanentRefusalError } from '#core/ports/poster.ts';
import { checkDestination } from '#io/webhooks/destination.ts';
import { UnsafeDestinationError } from '#io/webhooks/errors.ts';
import { type CountingServer, posterFactory, rejection, scriptedDns, startCountingServer } from './helpers.ts';

const slack = (url: string): OutgoingPost => ({ subscriberId: 'c-test', destination: { kind: 'slack', url }, body: '{"text":"hello"}', messageId: 'key-1' });

describe('the webhook poster and where a URL leads', () => {
  let server: CountingServer;
  const posters = posterFactory();
  beforeEach(async () => { server = await startCountingServer(); });
  afterEach(async () => { await posters.closeAll(); await server.close(); });

  const local = (): string => `http://localhost:${server.port}`;

  it('posts to the explicitly allowed local origin (the control: the server below is reachable)', async () => {
    const dns = scriptedDns({ localhost: [['127.0.0.1']] });

    const sent = await posters.make({ lookup: dns, localOrigins: [local()] }).post(slack(`${local()}/services/T0/B0/token`));

    expect(sent).toEqual({ messageId: 'key-1' });
    expect(server.requests.map((r) => r.url)).toEqual(['/services/T0/B0/token']);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'cloud metadata'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('refuses a webhook name that resolves to %s (%s) and sends nothing', async (address, range) => {
    const dns = scriptedDns({ localhost: [['127.0.0.1']], 'hooks.example.org': [[address]] });

    const err = await rejection(posters.make({ lookup: dns, localOrigins: [local()] }).post(slack(`http://hooks.example.org:${server.port}/services/T0/B0/token`)));

    expect(err).toBeInstanceOf(UnsafeDestinationError);
    expect(err).toBeInstanceOf(NotDeliveredError);
    expect(err.message).toContain(`hooks.example.org resolved to ${address}, a ${range} address`);
    expect(server.connections).toBe(0);
  });

  it.each([['127.0.0.1', '127.0.0.1'], ['[::1]', '::1'], ['[::ffff:127.0.0.1]', '::ffff:7f00:1']])('refuses the IP literal %s, which no resolver is asked about', async (literal, shown) => {
    const dns = scriptedDns({ localhost: [['127.0.0.1']] });

    const err = await rejection(posters.make({ lookup: dns, localOrigins: [local()] }).post(slack(`http://${literal}:${server.port}/services/T0/B0/token`)));

    expect(err).toBeInstanceOf(UnsafeDestinationError);
    expect(err.message).toContain(`${shown} is a loopback address`);
    expect(dns.asked).toEqual([]);
    expect(server.connections).toBe(0);
  });

  it('checks the address connected to, not an earlier answer: a name public when checked and loopback when connecting is refused', async () => {
    // The subscription pages check a URL when it is added; DNS rebinding then points the name at this machine.
    const dns = scriptedDns({ localhost: [['127.0.0.1']], 'hooks.example.org': [['93.184.216.34'], ['127.0.0.1']] });
    const url = `http://hooks.example.org:${server.port}/services/T0/B0/token`;
    await checkDestination(url, { lookup: dns, localOrigins: [local()] });

    const err = await rejection(posters.make({ lookup: dns, localOrigins: [local()] }).post(slack(url)));

    expect(err.message).toContain('hooks.example.org resolved to 127.0.0.1, a loopback address');
    expect(dns.asked).toEqual(['hooks.example.org', 'hooks.example.org']);
    expect(server.connections).toBe(0);
  });

  it('connects to the very answer it checked: the resolver is asked once per connection, never again behind the check', async () => {
    // 127.0.0.1 is allowed here (an address local origin); any later answer would be a refused documentation address.
    const dns = scriptedDns({ 'hooks.example.org': [['127.0.0.1'], ['192.0.2.1']] });

    await posters.make({ lookup: dns, localOrigins: [`http://127.0.0.1:${server.port}`] }).post(slack(`http://hooks.example.org:${server.port}/services/T0/B0/token`));

    expect(dns.asked).toEqual(['hooks.example.org']);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses plain http:// outside the local origins before resolving anything', async () => {
    const dns = scriptedDns({ 'hooks.example.org': [['93.184.216.34']] });

    const err = await rejection(posters.make({ lookup: dns, localOrigins: [local()] }).post(slack('http://hooks.example.org/services/T0/B0/token')));

    expect(err).toBeInstanceOf(UnsafeDestinationError);
    expect(err.message).toContain('webhooks are posted over HTTPS only');
    expect(dns.asked).toEqual([]);
  });

  it.each(['https://hooks.example.org:8443/x', 'https://hooks.example.org:80/x', `https://user:pw@hooks.example.org/x`, 'ftp://hooks.example.org/x', 'not a url'])(
    'refuses %s before resolving anything', async (url) => {
      const dns = scriptedDns({ 'hooks.example.org': [['93.184.216.34']] });

      const err = await rejection(posters.make({ lookup: dns }).post(slack(url)));

      expect(err).toBeInstanceOf(UnsafeDestinationError);
      expect(dns.asked).toEqual([]);
    });

  it('does not follow a redirect, even to an allowed origin: the target gets nothing', async () => {
    const target = await startCountingServer();
    const redirecting = await startCountingServer((_req, res) => res.writeHead(302, { location: `http://localhost:${target.port}/services/T0/B0/token` }).end());
    try {
      const dns = scriptedDns({ localhost: [['127.0.0.1']] });
      const poster = posters.make({ lookup: dns, localOrigins: [`http://localhost:${redirecting.port}`, `http://localhost:${target.port}`] });

      const err = await rejection(poster.post(slack(`http://localhost:${redirecting.port}/services/T0/B0/token`)));

      expect(err).toBeInstanceOf(PermanentRefusalError);
      expect((err as PermanentRefusalError).status).toBe(302);
      expect(err.message).toContain('the webhook redirected; webhooks must answer directly');
      expect(redirecting.requests).toHaveLength(1);
      expect(target.connections).toBe(0);
    } finally {
      await redirecting.close();
      await target.close();
    }
  });
});

describe('checkDestination (for the subscription pages)', () => {
  it('accepts an HTTPS URL whose name resolves to public addresses only', async () => {
    await expect(checkDestination('https://hooks.example.org/services/T0/B0/token', { lookup: scriptedDns({ 'hooks.example.org': [['93.184.216.34']] }) })).resolves.toBeUndefined();
  });

  it('refuses a name with one public and one private address rather than pick', async () => {
    const dns = scriptedDns({ 'hooks.example.org': [['93.184.216.34', '10.1.2.3']] });

    const err = await rejection(checkDestination('https://hooks.example.org/services/T0/B0/token', { lookup: dns }));

    expect(err).toBeInstanceOf(UnsafeDestinationError);
    expect(err.message).toContain('10.1.2.3, a private address');
    expect(err.message).not.toContain('token');
  });

  it('says when a name does not resolve', async () => {
    const err = await rejection(checkDestination('https://nowhere.example.org/hook', { lookup: scriptedDns({}) }));

    expect(err.message).toContain('could not be resolved');
  });
});
