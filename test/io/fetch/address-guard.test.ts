/**
 * Which resolved addresses the fetcher will connect to: the decision itself, without any connection.
 * The fetcher-level behaviour (a patched resolver, redirects, ports) is in resolved-address.test.ts.
 */
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { addressClass, AddressRefusedError, guardLookup } from '#io/fetch/address-guard.ts';

describe('addressClass', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['::1', 'loopback'],
    ['10.0.0.1', 'private'], ['172.16.5.4', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'], ['100.127.255.254', 'shared (carrier-grade NAT)'],
    ['169.254.169.254', 'cloud metadata'], ['fd00:ec2::254', 'cloud metadata'],
    ['169.254.1.1', 'link-local'], ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'],
    ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'], ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'], ['192.0.2.10', 'reserved'], ['2001:db8::1', 'reserved'],
  ])('puts %s in the %s range', (address, expected) => {
    expect(addressClass(address)).toBe(expected);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'cloud metadata'], ['::ffff:0.0.0.0', 'unspecified'], ['::ffff:100.64.0.1', 'shared (carrier-grade NAT)'],
  ])('sees through the IPv4-mapped IPv6 form %s (%s)', (address, expected) => {
    expect(addressClass(address)).toBe(expected);
  });

  it.each(['133.1.2.3', '172.32.0.1', '100.128.0.1', '11.0.0.1', '2400:cb00::1', '::ffff:133.1.2.3'])('lets the public address %s through', (address) => {
    expect(addressClass(address)).toBeUndefined();
  });

  it('treats anything that is not an IP address as refused, never as public', () => {
    expect(addressClass('not-an-address')).toBe('malformed');
  });
});

describe('guardLookup', () => {
  /** A resolver that answers from a table, in either of the two shapes net.connect asks for. */
  const resolver = (answers: string[]): LookupFunction => (_host, options, callback) => {
    const all: LookupAddress[] = answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) callback(null, all);
    else callback(null, all[0]!.address, all[0]!.family);
  };
  const ask = (lookup: LookupFunction, all: boolean): Promise<unknown> => new Promise((resolve, reject) => {
    lookup('www.jst.go.jp', { all }, (err, address, family) => (err ? reject(err) : resolve(all ? address : { address, family })));
  });

  it('passes public answers on unchanged, one address or all of them', async () => {
    const guarded = guardLookup(resolver(['133.1.2.3', '2400:cb00::1']));

    expect(await ask(guarded, false)).toEqual({ address: '133.1.2.3', family: 4 });
    expect(await ask(guarded, true)).toEqual([{ address: '133.1.2.3', family: 4 }, { address: '2400:cb00::1', family: 6 }]);
  });

  it('refuses the whole name when any one of its addresses is not public, naming that address and its range', async () => {
    const guarded = guardLookup(resolver(['133.1.2.3', '127.0.0.1']));

    const err = await ask(guarded, true).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(AddressRefusedError);
    expect((err as AddressRefusedError).message).toBe('www.jst.go.jp resolved to 127.0.0.1, a loopback address');
  });

  it('checks every address even when the caller asked for only one', async () => {
    const seen: unknown[] = [];
    const inner: LookupFunction = (host, options, callback) => { seen.push(options.all); resolver(['133.1.2.3', '10.0.0.1'])(host, options, callback); };

    const err = await ask(guardLookup(inner), false).catch((e: unknown) => e);

    expect(seen).toEqual([true]);
    expect((err as Error).message).toContain('10.0.0.1, a private address');
  });

  it('passes a resolver failure through as it is', async () => {
    const failing: LookupFunction = (_host, _options, callback) => callback(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), '', 4);

    await expect(ask(guardLookup(failing), false)).rejects.toThrow('ENOTFOUND');
  });
});
